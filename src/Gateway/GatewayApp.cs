using Interview.Gateway.Api;
using Interview.Gateway.Hosting;
using Interview.Gateway.Hubs;
using Interview.Gateway.Monitoring;
using Interview.Gateway.Recording;
using Interview.Gateway.Sessions;
using Interview.Gateway.SocketIo;
using Interview.Grains.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Interview.Gateway;

/// <summary>
/// Builds the gateway: REST API, SignalR hub and the Blazor client, with a co-hosted silo (the embedded
/// default) or, with REDIS set, as an Orleans client of a cluster of standalone silos (docs/architecture.md, "Parts").
/// Tests build the same app with <paramref name="configure"/> to move the clock or the ports.
/// </summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named explicitly so the client's static-asset manifest is found when tests host the gateway.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
        });
        var options = GatewayOptionsSetup.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));

        builder.Logging.AddInterviewLogging(builder.Configuration);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://+:{options.Port}");
        }

        // Serve the Blazor client's files from the build output too, not only from a publish folder,
        // so `dotnet run` serves the client in any environment.
        builder.WebHost.UseStaticWebAssets();

        var cluster = ClusterSettings.From(builder.Configuration);
        var dashboard = !cluster.IsClusterMode && OperatorEndpoints.DashboardEnabled(builder.Configuration);
        if (cluster.IsClusterMode)
        {
            builder.UseOrleansClient(client => client.UseRedisCluster(builder.Configuration));
            builder.Services.AddClusterHealth<ClientHealthCheck>();

            // Kestrel answers /health/live while the client is still looking for a silo; /health/ready waits for it.
            builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        }
        else
        {
            builder.UseOrleans(silo =>
            {
                silo.UseInterviewCluster(builder.Configuration).AddInterviewGrains(builder.Configuration);
                if (dashboard)
                {
                    silo.AddDashboard();
                }
            });
            builder.Services.AddClusterHealth<SiloHealthCheck>();
        }

        builder.Services.AddSessionLifetimeOptions(builder.Configuration);
        builder.Services.AddRateLimitOptions(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HubLimits.MaxRequestBodyBytes);
        SocketsPerAddress.Install(builder);
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = HubLimits.MaxMessageBytes;
            hub.AddFilter<OpenHubConnections>(); // MAX_CONNECTIONS_PER_IP over open connections, long polling's too
            hub.AddFilter<HubMessageMeter>(); // outermost: every message counts, refused or not
            hub.AddFilter<HubErrorFilter>(); // refusals become the caller's error event
            hub.AddFilter<MessageRateFilter>(); // inside the error filter: its refusals are error events too
            // Every hub method's failure is turned into an error event by HubErrorFilter, so detailed errors
            // reveal nothing of ours; what they add is the framework's own reason for closing a connection
            // (a frame over the size limit, JSON nested past 64 levels) instead of a bare "closed with an error".
            hub.EnableDetailedErrors = true;
        });
        builder.Services.AddConnectionsPerAddress();
        builder.Services.AddSingleton<OpenHubConnections>();
        builder.Services.AddSingleton<GatewayUptime>();
        builder.Services.AddInterviewMetrics();
        builder.Services.AddGatewaySessions();
        builder.Services.AddSingleton<ISessionDoor, SessionHubClients>();
        builder.Services.AddSocketIoDoor(builder.Configuration);
        builder.Services.AddSingleton<ISessionClients, SessionDoors>();
        builder.Services.AddSingleton<UserBudgets>();
        builder.Services.AddSingleton<MessageBudgets>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins([.. options.CorsOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // X-Forwarded-For counts only when the request came through a configured proxy (by default
            // ASP.NET Core trusts loopback; with both lists empty, it would trust anyone).
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(proxy);
            }
        });

        configure?.Invoke(builder);

        var app = builder.Build();
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseAbortedRequests();
        app.UseSecurityHeaders();
        app.UseInterviewMetrics();
        app.UseCors();
        app.UseBrowserOriginCheck(); // the hub and session creation only for our pages and CORS_ORIGIN's
        app.UseRateLimiter(); // MAX_CONNECTIONS_PER_IP on the hub's endpoints
        app.UseOpenConnectionsPerAddress(); // and at negotiate over the connections open (long polling's)
        app.UseClientFiles();
        app.MapClientSettings();
        app.MapSessionEndpoints();
        app.MapRecordingEndpoints();
        app.MapHealthEndpoints();
        app.MapOperatorEndpoints(dashboard); // in cluster mode the dashboard is the silos', off this public port
        app.MapHub<SessionHub>("/hub").RequireRateLimiting(ConnectionsPerAddress.Policy);
        app.MapSocketIoDoor(); // SPEC.md's Socket.IO clients, unchanged (docs/protocol.md, "The Socket.IO door")
        app.MapFallbackToFile("index.html");
        return app;
    }
}
