using Interview.Gateway.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Api;

public static class BrowserOriginCheck
{
    /// <summary>Refuses, with 403 before anything else runs, a foreign page's request to the hub (negotiate, the WebSocket upgrade, every transport) or to an endpoint marked <see cref="BrowserOrigins.Checked"/>.</summary>
    public static WebApplication UseBrowserOriginCheck(this WebApplication app)
    {
        var origins = new BrowserOrigins(app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrowserOriginCheck));
        app.Use((context, next) =>
        {
            // By endpoint, not by path: routing matches /HUB and /hub/ too.
            var metadata = context.GetEndpoint()?.Metadata;
            if (metadata is null || (metadata.GetMetadata<HubMetadata>() is null && !metadata.Contains(BrowserOrigins.Checked)) || origins.Allows(context.Request))
            {
                return next(context);
            }

            var origin = context.Request.Headers.Origin.ToString();
            logger.LogDebug("Refused a request from origin {Origin}", origin[..Math.Min(origin.Length, 100)]);
            return ApiErrors.ForeignOrigin().ExecuteAsync(context);
        });
        return app;
    }
}
