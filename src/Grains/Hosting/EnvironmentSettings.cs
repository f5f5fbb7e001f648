using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Interview.Grains.Hosting;

/// <summary>Reads the environment variables (README, "Configuration"), failing loudly on a value that is not what it should be.</summary>
public static class EnvironmentSettings
{
    /// <summary>A duration given in whole milliseconds (SESSION_TIMEOUT=1800000), or null when unset.</summary>
    public static TimeSpan? Milliseconds(IConfiguration configuration, string name) =>
        Integer(configuration, name) is { } value ? TimeSpan.FromMilliseconds(value) : null;

    public static long? Integer(IConfiguration configuration, string name)
    {
        var raw = configuration[name];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new InvalidOperationException($"{name} must be a positive whole number, got '{raw}'");
        }

        return value;
    }

    /// <summary>true/false (also 1/0, yes/no), or null when unset.</summary>
    public static bool? Flag(IConfiguration configuration, string name) =>
        configuration[name]?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            var other => throw new InvalidOperationException($"{name} must be true or false, got '{other}'"),
        };
}
