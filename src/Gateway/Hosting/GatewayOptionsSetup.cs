using Interview.Grains.Hosting;

namespace Interview.Gateway.Hosting;

public static class GatewayOptionsSetup
{
    public static GatewayOptions Read(IConfiguration configuration)
    {
        var options = new GatewayOptions();
        if (EnvironmentSettings.Integer(configuration, "PORT") is { } port)
        {
            options.Port = port <= ushort.MaxValue ? (int)port : throw new InvalidOperationException($"PORT must be a TCP port, got {port}");
        }

        options.CorsOrigins = (configuration["CORS_ORIGIN"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => origin.TrimEnd('/'))
            .ToArray();

        if (configuration["PUBLIC_URL"] is { Length: > 0 } publicUrl)
        {
            options.PublicUrl = Uri.TryCreate(publicUrl.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"PUBLIC_URL must be an absolute http(s) URL, got '{publicUrl}'");
        }

        if (configuration["PYODIDE_BASE_URL"] is { Length: > 0 } pyodide)
        {
            options.PyodideBaseUrl = PyodideBaseUrl(pyodide);
        }

        options.EnablePython = EnvironmentSettings.Flag(configuration, "ENABLE_PYTHON") ?? true;
        options.EnableTypeScript = EnvironmentSettings.Flag(configuration, "ENABLE_TYPESCRIPT") ?? true;
        options.EnableSql = EnvironmentSettings.Flag(configuration, "ENABLE_SQL") ?? true;

        options.TrustedProxies = Networks(configuration, "TRUSTED_PROXIES");
        if (!string.IsNullOrWhiteSpace(configuration["METRICS_ALLOWED"]))
        {
            options.MetricsAllowed = Networks(configuration, "METRICS_ALLOWED");
        }

        return options;
    }

    /// <summary>A comma-separated list of addresses and CIDR networks; an address is a network of one.</summary>
    private static System.Net.IPNetwork[] Networks(IConfiguration configuration, string name) =>
        (configuration[name] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => Network(name, value))
            .ToArray();

    private static System.Net.IPNetwork Network(string name, string value) =>
        System.Net.IPNetwork.TryParse(value, out var network) ? network
        : System.Net.IPAddress.TryParse(value, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new InvalidOperationException($"{name} must list IP addresses or CIDR networks, got '{value}'");

    /// <summary>An absolute http(s) URL or a path on this gateway, always ending in '/' (Pyodide's indexURL).</summary>
    private static string PyodideBaseUrl(string value)
    {
        var withSlash = value.EndsWith('/') ? value : value + "/";
        if (Uri.TryCreate(withSlash, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri;
        }

        return Uri.TryCreate(withSlash, UriKind.Relative, out _) && !withSlash.StartsWith("//", StringComparison.Ordinal) && !withSlash.Contains(':', StringComparison.Ordinal)
            ? withSlash
            : throw new InvalidOperationException($"PYODIDE_BASE_URL must be an absolute http(s) URL or a path, got '{value}'");
    }
}
