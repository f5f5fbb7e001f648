using Interview.Gateway.Hosting;
using Interview.Grains.Registry;

namespace Interview.Gateway.Api;

/// <summary>GET /api/health: this gateway's uptime and the live sessions of the whole cluster.</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", async (IGrainFactory grains, GatewayUptime uptime) =>
        {
            var activeSessions = await SessionRegistry.Get(grains).CountActive();
            return new HealthResponse("ok", DateTimeOffset.UtcNow, uptime.Seconds, activeSessions);
        });
}
