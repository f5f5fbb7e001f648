using Microsoft.Extensions.Configuration;

namespace Interview.Grains.Hosting;

/// <summary>
/// ORLEANS_* variables: cluster identity and the ports a silo listens on, so several silos can share a
/// host. ORLEANS_PRIMARY_SILO_PORT joins this silo to the one on that port of this host (Orleans'
/// development clustering, for several silos on one machine without Redis).
/// </summary>
public sealed record ClusterSettings(string ClusterId, string ServiceId, int SiloPort, int GatewayPort, int? PrimarySiloPort = null)
{
    public static ClusterSettings From(IConfiguration configuration) => new(
        configuration["ORLEANS_CLUSTER_ID"] is { Length: > 0 } cluster ? cluster : "interview",
        configuration["ORLEANS_SERVICE_ID"] is { Length: > 0 } service ? service : "interview",
        Port(configuration, "ORLEANS_SILO_PORT", 11111),
        Port(configuration, "ORLEANS_GATEWAY_PORT", 30000),
        EnvironmentSettings.Integer(configuration, "ORLEANS_PRIMARY_SILO_PORT") is null ? null : Port(configuration, "ORLEANS_PRIMARY_SILO_PORT", 0));

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        EnvironmentSettings.Integer(configuration, name) is { } port
            ? port <= ushort.MaxValue ? (int)port : throw new InvalidOperationException($"{name} must be a TCP port, got {port}")
            : fallback;
}
