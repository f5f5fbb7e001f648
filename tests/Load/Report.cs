using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interview.Load;

/// <summary>A scenario's figures: printed as a table for people and as one JSON line for scripts.</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Scenario { get; init; }
    public required Dictionary<string, object> Setup { get; init; }
    public LatencySummary? KeystrokeToRemote { get; set; }
    public LatencySummary? RestCreate { get; set; }
    public LatencySummary? RestLookup { get; set; }
    public long Keystrokes { get; set; }
    public double? MessagesInPerSecond { get; set; }
    public double? MessagesOutPerSecond { get; set; }
    public int? ConnectionsHeld { get; set; }
    public double? ServerCpuPercent { get; set; }
    public double? ServerMemoryMegabytes { get; set; }
    public double? ServerKilobytesPerConnection { get; set; }
    public int Lost { get; set; }
    public int Doubled { get; set; }
    public int Diverged { get; set; }
    public Dictionary<string, int> Errors { get; set; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Nothing lost, nothing doubled, every client's text the session's, no error, and something measured.</summary>
    public bool Passed => Lost == 0 && Doubled == 0 && Diverged == 0 && Errors.Count == 0 && KeystrokeToRemote is not { Samples: 0 };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToTable()
    {
        var table = new StringBuilder();
        void Row(string name, object? value)
        {
            if (value is not null)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"  {name,-34} {value}");
            }
        }

        static string? Ms(LatencySummary? s) => s is null ? null
            : string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50} ms  p90 {s.P90} ms  p99 {s.P99} ms  max {s.Max} ms  ({s.Samples} samples)");

        table.AppendLine(CultureInfo.InvariantCulture, $"{Scenario}: {string.Join(", ", Setup.Select(pair => $"{pair.Key} {pair.Value}"))}");
        Row("keystroke to remote", Ms(KeystrokeToRemote));
        Row("REST create", Ms(RestCreate));
        Row("REST lookup", Ms(RestLookup));
        Row("keystrokes", Keystrokes > 0 ? Keystrokes : null);
        Row("messages in / out a second", MessagesInPerSecond is null ? null : $"{MessagesInPerSecond:F0} / {MessagesOutPerSecond:F0}");
        Row("connections held", ConnectionsHeld);
        Row("server CPU (of one core)", ServerCpuPercent is null ? null : $"{ServerCpuPercent:F0}%");
        Row("server memory", ServerMemoryMegabytes is null ? null : $"{ServerMemoryMegabytes:F0} MB");
        Row("server memory per connection", ServerKilobytesPerConnection is null ? null : $"{ServerKilobytesPerConnection:F1} KB");
        Row("lost / doubled / diverged", $"{Lost} / {Doubled} / {Diverged}");
        Row("errors", Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} x{e.Value}")));
        foreach (var note in Notes)
        {
            Row("note", note);
        }

        return table.ToString();
    }
}
