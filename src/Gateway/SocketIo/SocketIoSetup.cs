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
    /// GET and POST at /socket.io/, checked for Origin (403) and held to MAX_CONNECTIONS_PER_IP (429) as the
    /// hub is. WebSockets are accepted on this path only: the hub's own are SignalR's business.
    /// </summary>
    public static WebApplication MapSocketIoDoor(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(EngineEndpoint.Path), branch => branch.UseWebSockets());
        app.MapMethods(EngineEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], EngineEndpoint.HandleAsync)
            .WithMetadata(BrowserOrigins.Checked)
            .RequireRateLimiting(ConnectionsPerAddress.Policy);
        return app;
    }
}
