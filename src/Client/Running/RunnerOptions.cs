using System.Globalization;
using Interview.Shared.Validation;
using Microsoft.Extensions.Configuration;

namespace Interview.Client.Running;

/// <summary>
/// The runners' settings, from the "Runner" section of the client's configuration: the gateway serves
/// that file (appsettings.json) from its own PYODIDE_BASE_URL, ENABLE_PYTHON, ENABLE_TYPESCRIPT,
/// ENABLE_SQL and MAX_EXECUTIONS_PER_MINUTE.
/// </summary>
public sealed class RunnerOptions
{
    public const string Section = "Runner";

    /// <summary>Where SQLite's files (sql.js) are: always the gateway's own copy.</summary>
    public const string SqliteBaseUrl = "sqljs/";

    /// <summary>Where Pyodide's files are, relative to the page or absolute; the gateway's own /pyodide/ by default.</summary>
    public string PyodideBaseUrl { get; set; } = "pyodide/";

    public bool EnablePython { get; set; } = true;

    public bool EnableTypeScript { get; set; } = true;

    public bool EnableSql { get; set; } = true;

    public int ExecutionsPerMinute { get; set; } = 10;

    /// <summary>Whether this server lets the page run the language (its ENABLE_* flag; JavaScript always).</summary>
    public bool Enables(string language) => language switch
    {
        Languages.Python => EnablePython,
        Languages.TypeScript => EnableTypeScript,
        Languages.Sql => EnableSql,
        _ => true,
    };

    /// <summary>Reads the section field by field (no reflection binder: the client is trimmed when published).</summary>
    public static RunnerOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new RunnerOptions();
        if (section[nameof(PyodideBaseUrl)] is { Length: > 0 } baseUrl)
        {
            options.PyodideBaseUrl = baseUrl;
        }

        options.EnablePython = Flag(section, nameof(EnablePython));
        options.EnableTypeScript = Flag(section, nameof(EnableTypeScript));
        options.EnableSql = Flag(section, nameof(EnableSql));
        if (int.TryParse(section[nameof(ExecutionsPerMinute)], NumberStyles.None, CultureInfo.InvariantCulture, out var perMinute) && perMinute > 0)
        {
            options.ExecutionsPerMinute = perMinute;
        }

        return options;
    }

    /// <summary>The limits (docs/protocol.md, "Runs"): a Python run is stopped after 10 s, every other after 5 s.</summary>
    public static TimeSpan TimeLimit(string language) =>
        language == Languages.Python ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(5);

    private static bool Flag(IConfiguration section, string name) => !bool.TryParse(section[name], out var flag) || flag;
}
