using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Interview.Grains.Hosting;

/// <summary>
/// The log format, one JSON object a line on stdout: timestamp (UTC, ms), level (ERROR, WARN,
/// INFO, DEBUG), message, sessionId and userId (from the message's own {SessionId} and {UserId}, or
/// from a scope), and metadata (category, the message's other values, the exception). ASP.NET Core's
/// JSON console formatter writes its own shape, hence this one.
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "interview-json";

    // What a client chose (a request path, a header) may end up in a line: bounded, so that logging a
    // refusal costs little however long the input was.
    private const int MaxMessage = 1_000;
    private const int MaxValue = 300;
    private const int MaxException = 8_000;

    // Log lines are read by people and log shippers, not embedded in HTML: no need to escape '+' or '<'.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        scopeProvider?.ForEachScope((scope, all) => Collect(scope, all), values);
        Collect(logEntry.State, values);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", Level(logEntry.LogLevel));
            json.WriteString("message", Capped(message, MaxMessage));
            WriteId(json, "sessionId", values);
            WriteId(json, "userId", values);
            json.WriteStartObject("metadata");
            json.WriteString("category", logEntry.Category);
            foreach (var (key, value) in values)
            {
                json.WriteString(char.ToLowerInvariant(key[0]) + key[1..], Capped(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), MaxValue));
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", Capped(exception.ToString(), MaxException));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "ERROR",
        LogLevel.Warning => "WARN",
        LogLevel.Information => "INFO",
        _ => "DEBUG",
    };

    private static string? Capped(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return $"{text[..cut]}… ({text.Length - cut} more characters)";
    }

    private static void Collect(object? state, Dictionary<string, object?> values)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                if (key != "{OriginalFormat}" && key.Length > 0)
                {
                    values[key] = value;
                }
            }
        }
    }

    private static void WriteId(Utf8JsonWriter json, string name, Dictionary<string, object?> values)
    {
        if (values.Remove(name, out var value) && value is not null)
        {
            json.WriteString(name, Capped(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), MaxValue));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
