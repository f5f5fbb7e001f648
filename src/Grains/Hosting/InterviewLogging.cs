using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Interview.Grains.Hosting;

/// <summary>Logging for every Interview process: JSON lines on stdout at LOG_LEVEL (README, "Configuration").</summary>
public static class InterviewLogging
{
    public static ILoggingBuilder AddInterviewLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var level = LevelFrom(configuration);
        logging.ClearProviders();
        logging.AddConsole(console => console.FormatterName = JsonLogFormatter.Name);
        logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        logging.SetMinimumLevel(level);

        // The frameworks' own information is routine (Polly logs every grain placement): warnings and up,
        // unless LOG_LEVEL asks for debug.
        var frameworks = level > LogLevel.Warning ? level : LogLevel.Warning;
        logging.AddFilter("Orleans", frameworks);
        logging.AddFilter("Polly", frameworks);
        logging.AddFilter("Microsoft", frameworks);
        logging.AddFilter("System", frameworks);
        logging.AddFilter("Microsoft.Hosting.Lifetime", level); // "Application started", "shutting down"

        // A probe finding a silo or gateway not ready yet is an answer, not an error: /health/ready says it,
        // and logging it at error level every few seconds would bury real errors during a start or a drain.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
        return logging;
    }

    /// <summary>LOG_LEVEL as the configuration names the levels (error, warn, info, debug).</summary>
    public static LogLevel LevelFrom(IConfiguration configuration) =>
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
