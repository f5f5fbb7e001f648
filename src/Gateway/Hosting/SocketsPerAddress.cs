using System.Net;
using Interview.Grains.Quotas;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hosting;

/// <summary>
/// TCP connections open at once from one client address (an IPv6 /64): four times MAX_CONNECTIONS_PER_IP,
/// room for that many hub connections and the browsers' own HTTP ones beside them (a browser keeps up to
/// six to a host), so that a network at its hub limit is still answered 429, not cut off. Past it a new connection is closed as soon
/// as it is accepted, before it costs a request: without this, one address holding idle connections (each
/// refused with 429, then kept alive) could use up the process's open files and stop it accepting anyone.
/// Connections from TRUSTED_PROXIES are not counted here: they carry many clients, told apart by the
/// per-address hub limit from X-Forwarded-For.
/// </summary>
public sealed class SocketsPerAddress(int limit, IReadOnlyList<System.Net.IPNetwork> trustedProxies, ILogger logger)
{
    private readonly AddressCounts _open = new();
    private long _refused;

    public static void Install(WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var services = kestrel.ApplicationServices;
            var counter = new SocketsPerAddress(
                (int)Math.Min(int.MaxValue, 4L * services.GetRequiredService<IOptions<RateLimitOptions>>().Value.ConnectionsPerAddress),
                services.GetRequiredService<IOptions<GatewayOptions>>().Value.TrustedProxies,
                services.GetRequiredService<ILogger<SocketsPerAddress>>());
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(counter.Admit));
        });

    private ConnectionDelegate Admit(ConnectionDelegate next) => async connection =>
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is null || trustedProxies.Any(proxy => proxy.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))
        {
            await next(connection);
            return;
        }

        var key = ClientAddress.KeyOf(address);
        if (!_open.TryEnter(key, limit))
        {
            if (Interlocked.Increment(ref _refused) % 1000 == 1)
            {
                logger.LogWarning("Closed {Count} TCP connections from addresses past {Limit} open at once (the latest from {Address})", _refused, limit, key);
            }

            return; // returning without handing it on closes the connection
        }

        try
        {
            await next(connection);
        }
        finally
        {
            _open.Leave(key);
        }
    };
}
