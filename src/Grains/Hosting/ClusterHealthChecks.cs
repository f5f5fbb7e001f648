using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Interview.Grains.Hosting;

/// <summary>A silo is ready while the cluster's membership has it active, and until it is asked to stop.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle membership, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("shutting down")
            : membership.CurrentStatus == SiloStatus.Active ? HealthCheckResult.Healthy("active in the cluster")
            : HealthCheckResult.Unhealthy($"silo is {membership.CurrentStatus}"));
}

/// <summary>A gateway in cluster mode is ready once started, while its Orleans client reaches a silo, and until it is asked to stop.</summary>
public sealed class ClientHealthCheck(ClusterConnection connection, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("shutting down")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("connecting to the cluster")
            : connection.IsConnected ? HealthCheckResult.Healthy("connected to the cluster")
            : HealthCheckResult.Unhealthy("no silo reachable"));
}
