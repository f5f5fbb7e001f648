using System.Net;

namespace Interview.Gateway.Monitoring;

/// <summary>
/// /metrics only for the addresses in METRICS_ALLOWED; anyone else gets a 404, as if there were no such
/// page. Decided on the scraping endpoint itself, so /METRICS and /metrics/ (which routing matches too)
/// are guarded alike, and on the address the forwarded-headers middleware leaves (X-Forwarded-For's only
/// through TRUSTED_PROXIES).
/// </summary>
public static class MetricsAccess
{
    public static IEndpointConventionBuilder OnlyFrom(this IEndpointConventionBuilder endpoint, IReadOnlyList<IPNetwork> allowed)
    {
        endpoint.Add(builder =>
        {
            var scrape = builder.RequestDelegate ?? throw new InvalidOperationException("The metrics endpoint has no request delegate");
            builder.RequestDelegate = context =>
            {
                if (Allows(allowed, context))
                {
                    return scrape(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        return endpoint;
    }

    public static bool Allows(IReadOnlyList<IPNetwork> allowed, HttpContext context)
    {
        // An X-Forwarded-For still there was not taken: the request came through a proxy that is not in
        // TRUSTED_PROXIES (or past more than one), and the address seen is a proxy's, likely a private one.
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        // Kestrel on all interfaces ([::]) sees an IPv4 client as ::ffff:a.b.c.d.
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(network => network.Contains(address));
    }
}
