using Interview.Gateway.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Interview.Gateway.Monitoring;

public static class MonitoringSetup
{
    public static IServiceCollection AddInterviewMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ActiveSessionsProbe>();
        services.AddHostedService(provider => provider.GetRequiredService<ActiveSessionsProbe>());
        services.AddSingleton<InterviewMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(InterviewMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>/metrics for Prometheus (only from METRICS_ALLOWED), and REST errors counted by status.</summary>
    public static WebApplication UseInterviewMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<InterviewMetrics>();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                metrics.ErrorAnswered("rest", context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        var allowed = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.MetricsAllowed;
        app.MapPrometheusScrapingEndpoint("/metrics").OnlyFrom(allowed);
        return app;
    }
}
