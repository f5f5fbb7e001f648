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

        return options;
    }

    /// <summary>LOG_LEVEL as SPEC.md names the levels (error, warn, info, debug).</summary>
    public static LogLevel LogLevelFrom(IConfiguration configuration) =>
        (configuration["LOG_LEVEL"] ?? "info").Trim().ToLowerInvariant() switch
        {
            "error" => LogLevel.Error,
            "warn" or "warning" => LogLevel.Warning,
            "info" or "information" => LogLevel.Information,
            "debug" => LogLevel.Debug,
            "trace" => LogLevel.Trace,
            var other => throw new InvalidOperationException($"LOG_LEVEL must be error, warn, info or debug, got '{other}'"),
        };
}
