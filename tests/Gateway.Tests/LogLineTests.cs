using System.Text.Json;
using Interview.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interview.Gateway.Tests;

/// <summary>A log line stays short however long what a client sent was (a request path of 8 KB, say).</summary>
public class LogLineTests
{
    [Fact]
    public void Long_values_from_a_client_are_cut_in_the_line()
    {
        var path = "/js/" + new string('/', 8_000) + "runners/x.mjs";
        var state = new List<KeyValuePair<string, object?>> { new("Path", path), new("SessionId", "s"), new("{OriginalFormat}", "Not satisfiable: {Path}") };
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Warning, "Static", default, state, null, (_, _) => $"Not satisfiable: {path} {path}");
        using var writer = new StringWriter();

        new JsonLogFormatter().Write(entry, null, writer);

        var line = writer.ToString().TrimEnd();
        Assert.InRange(line.Length, 1, 2_000);
        var json = JsonDocument.Parse(line).RootElement;
        Assert.EndsWith("more characters)", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("/js/", json.GetProperty("metadata").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("WARN", json.GetProperty("level").GetString());
    }
}
