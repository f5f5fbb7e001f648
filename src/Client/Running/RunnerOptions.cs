using System.Globalization;
using Interview.Shared.Validation;
using Microsoft.Extensions.Configuration;

namespace Interview.Client.Running;

/// <summary>
/// The runners' settings, from the "Runner" section of the client's configuration: the gateway serves
/// that file (appsettings.json) from its own PYODIDE_BASE_URL, ENABLE_PYTHON and MAX_EXECUTIONS_PER_MINUTE.
/// </summary>
public sealed class RunnerOptions
{
    public const string Section = "Runner";

    /// <summary>Where Pyodide's files are, relative to the page or absolute; the gateway's own /pyodide/ by default.</summary>
    public string PyodideBaseUrl { get; set; } = "pyodide/";

    public bool EnablePython { get; set; } = true;

    public int ExecutionsPerMinute { get; set; } = 10;

    /// <summary>Reads the section field by field (no reflection binder: the client is trimmed when published).</summary>
    public static RunnerOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new RunnerOptions();
        if (section[nameof(PyodideBaseUrl)] is { Length: > 0 } baseUrl)
        {
            options.PyodideBaseUrl = baseUrl;
        }

        if (bool.TryParse(section[nameof(EnablePython)], out var enablePython))
        {
            options.EnablePython = enablePython;
        }

        if (int.TryParse(section[nameof(ExecutionsPerMinute)], NumberStyles.None, CultureInfo.InvariantCulture, out var perMinute) && perMinute > 0)
        {
            options.ExecutionsPerMinute = perMinute;
        }

        return options;
    }

    /// <summary>The limits (docs/protocol.md, "Runs"): a JavaScript run is stopped after 5 s, a Python run after 10 s.</summary>
    public static TimeSpan TimeLimit(string language) =>
        language == Languages.Python ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(5);
}
