using Interview.Gateway.Hosting;
using Interview.Gateway.Hubs;
using Interview.Gateway.Sessions;

namespace Interview.Gateway.SocketIo;

/// <summary>The Socket.IO door beside the hub (docs/protocol.md, "The Socket.IO door"): its services, and its endpoint with the hub's guards.</summary>
public static class SocketIoSetup
{
    public static IServiceCollection AddSocketIoDoor(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SocketIoOptions>(configuration.GetSection(SocketIoOptions.Section));
        services.AddSingleton<SocketIoDoor>();
        services.AddSingleton<ISessionDoor>(provider => provider.GetRequiredService<SocketIoDoor>());
        services.AddSingleton<SpecEvents>();
        return services;
    }

    /// <summary>
    /// GET and POST at /socket.io/, checked for Origin (403) as the hub is. MAX_CONNECTIONS_PER_IP is counted
    /// over the sockets open (<see cref="OpenHubConnections"/>, at the handshake), not per request as the
    /// hub's concurrency policy counts: a polling socket's poll, post and upgrade would take three places for
    /// one connection, and an address near its limit would see its open connections' posts refused.
    /// WebSockets are accepted on this path only: the hub's own are SignalR's business. When the gateway
    /// stops, every socket ends (its clients reconnect, elsewhere if they can) before Kestrel's drain waits on them.
    /// </summary>
    public static WebApplication MapSocketIoDoor(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(EngineEndpoint.Path), branch => branch.UseWebSockets());
        app.MapMethods(EngineEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], EngineEndpoint.HandleAsync).WithMetadata(BrowserOrigins.Checked);
        var door = app.Services.GetRequiredService<SocketIoDoor>();
        app.Lifetime.ApplicationStopping.Register(door.EndAll);
        return app;
    }
}
