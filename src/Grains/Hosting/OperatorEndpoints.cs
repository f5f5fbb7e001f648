using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace Interview.Grains.Hosting;

/// <summary>
/// What operators reach on every silo and gateway: /health/live (the process answers) and /health/ready
/// (it is part of the cluster and not shutting down), and, when ORLEANS_DASHBOARD is true, the Orleans
/// Dashboard at /dashboard. Keep that port off the public ingress: the dashboard has no login.
/// </summary>
public static class OperatorEndpoints
{
    public const string DashboardPath = "/dashboard";
    private const string Ready = "ready";

    public static bool DashboardEnabled(IConfiguration configuration) => EnvironmentSettings.Flag(configuration, "ORLEANS_DASHBOARD") ?? false;

    public static IServiceCollection AddClusterHealth<TCheck>(this IServiceCollection services)
        where TCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TCheck>("cluster", tags: [Ready]);
        return services;
    }

    public static void MapOperatorEndpoints(this WebApplication app, bool dashboard)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        if (dashboard)
        {
            app.MapGroup(DashboardPath).MapOrleansDashboard();
        }
    }
}
