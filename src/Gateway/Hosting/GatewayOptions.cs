namespace Interview.Gateway.Hosting;

/// <summary>The gateway's own settings: PORT, CORS_ORIGIN, PUBLIC_URL, TRUSTED_PROXIES, METRICS_ALLOWED, and the browser runners' PYODIDE_BASE_URL, ENABLE_PYTHON, ENABLE_TYPESCRIPT and ENABLE_SQL.</summary>
public sealed class GatewayOptions
{
    public int Port { get; set; } = 3001;

    /// <summary>Origins other than the gateway's own that may call the API and hub (comma-separated in CORS_ORIGIN).</summary>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    /// <summary>Where browsers reach the gateway, for share links; null means the request's own scheme and host.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Where browsers load Pyodide from: the gateway's own copy (from the npm package) unless an operator points elsewhere.</summary>
    public string PyodideBaseUrl { get; set; } = "pyodide/";

    public bool EnablePython { get; set; } = true;

    public bool EnableTypeScript { get; set; } = true;

    public bool EnableSql { get; set; } = true;

    /// <summary>Proxies (addresses or CIDR networks, TRUSTED_PROXIES) whose X-Forwarded-For names the client; none by default.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Who may read /metrics (METRICS_ALLOWED): by default loopback and the private networks, where a
    /// Prometheus inside the same host, network or cluster scrapes from.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> MetricsAllowed { get; set; } = DefaultMetricsAllowed;

    public static IReadOnlyList<System.Net.IPNetwork> DefaultMetricsAllowed { get; } =
        [.. new[] { "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10" }.Select(System.Net.IPNetwork.Parse)];
}
