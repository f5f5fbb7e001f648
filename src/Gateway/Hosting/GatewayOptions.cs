namespace Interview.Gateway.Hosting;

/// <summary>The gateway's own settings: PORT, CORS_ORIGIN, PUBLIC_URL, TRUSTED_PROXIES, and the browser runners' PYODIDE_BASE_URL and ENABLE_PYTHON.</summary>
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

    /// <summary>Proxies (addresses or CIDR networks, TRUSTED_PROXIES) whose X-Forwarded-For names the client; none by default.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; set; } = [];
}
