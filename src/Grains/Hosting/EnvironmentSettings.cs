using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Interview.Grains.Hosting;

/// <summary>Reads SPEC.md's environment variables, failing loudly on a value that is not what it should be.</summary>
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
}
