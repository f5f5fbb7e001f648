namespace Interview.Gateway.Hosting;

/// <summary>
/// Which pages may open the hub and create sessions. A browser names the page a request comes from in
/// Origin; only the gateway's own origin (the request's scheme and host, and PUBLIC_URL's) and those in
/// CORS_ORIGIN may. CORS alone does not guard these: a WebSocket is not subject to it, and any page may
/// POST a create without a preflight. Without this, any web page could spend its visitors' addresses'
/// quotas and connection limits. A request without Origin comes from no page (curl, the .NET client, a
/// probe) and passes: a page cannot leave it out.
/// </summary>
public sealed class BrowserOrigins
{
    /// <summary>Endpoint metadata: the endpoint checks Origin as the hub does.</summary>
    public static readonly object Checked = new CheckedMarker();

    private readonly HashSet<string> _configured;

    public BrowserOrigins(GatewayOptions options)
    {
        _configured = new HashSet<string>(options.CorsOrigins.Select(origin => Normalize(origin) ?? origin), StringComparer.OrdinalIgnoreCase);
        if (options.PublicUrl is { } publicUrl)
        {
            _configured.Add(publicUrl.GetLeftPart(UriPartial.Authority));
        }
    }

    public bool Allows(HttpRequest request)
    {
        var values = request.Headers.Origin;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || Normalize(values[0]) is not { } origin)
        {
            return false; // "null" (a sandboxed frame, a file), or no origin at all
        }

        // The request's own origin; also its https form, for a proxy that ends TLS without being in
        // TRUSTED_PROXIES (so the request looks like http here): the same host under https is the same site.
        return _configured.Contains(origin)
            || string.Equals(origin, Normalize($"{request.Scheme}://{request.Host}"), StringComparison.OrdinalIgnoreCase)
            || (!request.IsHttps && string.Equals(origin, Normalize($"https://{request.Host}"), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>scheme://host[:port] as browsers write Origin (lower case, no default port), or null.</summary>
    private static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    private sealed class CheckedMarker;
}
