using System.Net;
using Microsoft.Extensions.Configuration;

namespace Interview.Grains.Hosting;

/// <summary>
/// ORLEANS_* variables and REDIS: cluster identity, the ports a silo listens on (so several silos can
/// share a host) and, with REDIS set, cluster mode. ORLEANS_ADVERTISED_IP is the address other silos
/// and gateways reach this silo at (on Kubernetes the pod's IP, from the downward API); unset, the host
/// name's address. ORLEANS_PRIMARY_SILO_PORT joins this silo to the one on that port of this host
/// (Orleans' development clustering, for several silos on one machine without Redis).
/// </summary>
public sealed record ClusterSettings(
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    int? PrimarySiloPort = null,
    string? Redis = null,
    IPAddress? AdvertisedAddress = null)
{
    public bool IsClusterMode => Redis is not null;

    public static ClusterSettings From(IConfiguration configuration) => new(
        configuration["ORLEANS_CLUSTER_ID"] is { Length: > 0 } cluster ? cluster : "interview",
        configuration["ORLEANS_SERVICE_ID"] is { Length: > 0 } service ? service : "interview",
        Port(configuration, "ORLEANS_SILO_PORT", 11111),
        Port(configuration, "ORLEANS_GATEWAY_PORT", 30000),
        EnvironmentSettings.Integer(configuration, "ORLEANS_PRIMARY_SILO_PORT") is null ? null : Port(configuration, "ORLEANS_PRIMARY_SILO_PORT", 0),
        configuration["REDIS"] is { Length: > 0 } redis ? redis : null,
        Address(configuration, "ORLEANS_ADVERTISED_IP"));

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        EnvironmentSettings.Integer(configuration, name) is { } port
            ? port <= ushort.MaxValue ? (int)port : throw new InvalidOperationException($"{name} must be a TCP port, got {port}")
            : fallback;

    private static IPAddress? Address(IConfiguration configuration, string name) => configuration[name] switch
    {
        null or "" => null,
        var raw when IPAddress.TryParse(raw, out var address) => address,
        var raw => throw new InvalidOperationException($"{name} must be an IP address, got '{raw}'"),
    };
}
