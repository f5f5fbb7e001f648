using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Shared.Tests;

/// <summary>
/// One measure of the 10 KB output limit: the browser's runner (output.mjs, run here by Node) cuts the
/// shared vectors, and the server's rule (Limits) measures what it kept. Both must agree byte for byte,
/// and what the browser keeps, marker included, is what the server accepts.
/// </summary>
public class OutputLimitTests
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "Shared.Tests", "OutputLimit");

    public static TheoryData<string> Vectors() =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "vectors.json"))).RootElement.EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task The_browser_cuts_exactly_what_the_server_measures(string name)
    {
        var vector = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "vectors.json"))).RootElement.EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == name);
        var result = (await CutByBrowserAsync()).Single(r => r.GetProperty("name").GetString() == name);
        var kept = result.GetProperty("kept").EnumerateArray().Select(entry => entry.GetString()!).ToList();
        var entries = vector.GetProperty("entries").GetBoolean();
        var dropped = result.GetProperty("dropped").GetInt64();

        var measured = entries ? Limits.LogsBytes(kept) : Encoding.UTF8.GetByteCount(string.Concat(kept));
        Assert.Equal(vector.GetProperty("keptBytes").GetInt64(), measured);
        Assert.Equal(vector.GetProperty("droppedBytes").GetInt64(), dropped);
        Assert.InRange(measured, 0, Limits.MaxOutputBytes);
        if (dropped > 0)
        {
            Assert.InRange(measured, Limits.MaxOutputBytes - 3, Limits.MaxOutputBytes); // cut only to keep a character whole

            // What the page shares: the cut text with run-result.mjs's marker on the last entry.
            var marker = $"\n… output cut at 10 KB ({dropped} more bytes not shown)";
            kept[^1] += marker;
        }

        Assert.True(entries ? Limits.LogsFit(kept) : Limits.OutputFits(string.Concat(kept)));
    }

    [Fact]
    public void Logs_are_measured_with_one_byte_between_entries()
    {
        Assert.Equal(0, Limits.LogsBytes([]));
        Assert.Equal(3, Limits.LogsBytes(["a", "", "€"[..0]]));
        Assert.Equal(1 + 1 + 3 + 1 + 4, Limits.LogsBytes(["a", "€", "😀"]));
        var full = Enumerable.Repeat("x", 5120).ToList(); // 5,120 bytes and 5,119 separators
        Assert.True(Limits.LogsFit(full));
        Assert.False(Limits.LogsFit([.. full, .. Enumerable.Repeat("x", 200)]));
    }

    private static async Task<List<JsonElement>> CutByBrowserAsync()
    {
        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "cut.mjs"), Path.Combine(Folder, "vectors.json")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node (Node.js) is needed to run the browser's output.mjs");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node cut.mjs failed: {await errors}");
        return [.. JsonDocument.Parse(await output).RootElement.EnumerateArray()];
    }
}
