using System.Net;
using System.Net.Sockets;

namespace Interview.Gateway.Hosting;

/// <summary>
/// Who a request counts against in the per-address limits: its IPv4 address, or its IPv6 /64 (one
/// subscriber's network: an IPv6 client can rotate through the 2^64 addresses of its own prefix at will).
/// The address is the one the forwarded-headers middleware leaves: X-Forwarded-For's only when the request
/// came through a proxy in TRUSTED_PROXIES.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
