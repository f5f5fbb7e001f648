using System.Reflection;
using System.Text.Json;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>
/// tests/Load is a tool, not a test, but it must keep working: a small run of its main scenario against
/// a gateway it starts itself ends with every keystroke delivered and a JSON summary, and bad arguments
/// are refused with its usage.
/// </summary>
public class LoadToolTests
{
    private static string Tool()
    {
        var configuration = typeof(LoadToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "Load", "bin", configuration, "net10.0", "Interview.Load.dll");
    }

    [Fact]
    public async Task A_small_typing_run_delivers_every_keystroke_and_reports_it()
    {
        await using var load = HostedProcess.StartDll(Tool(), "load tool", new Dictionary<string, string>(),
            "typing", "--sessions", "3", "--users", "4", "--rate", "5", "--seconds", "5", "--warmup", "2");

        Assert.True(await load.WaitForExitAsync() == 0, load.Output);
        var summary = JsonDocument.Parse(load.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(line => line.StartsWith('{'))).RootElement;
        Assert.True(summary.GetProperty("passed").GetBoolean());
        Assert.Equal((0, 0, 0), (summary.GetProperty("lost").GetInt32(), summary.GetProperty("doubled").GetInt32(), summary.GetProperty("diverged").GetInt32()));
        Assert.True(summary.GetProperty("keystrokes").GetInt64() > 0);
        var latency = summary.GetProperty("keystrokeToRemote");
        Assert.True(latency.GetProperty("samples").GetInt32() > 0);
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.Contains("keystroke to remote", load.Output, StringComparison.Ordinal); // the table for people
    }

    [Theory]
    [InlineData("--sessions must be a positive whole number", "typing", "--sessions", "many")]
    [InlineData("Unknown scenario 'stampede'", "stampede")]
    [InlineData("must be a loopback address", "rest", "--url", "http://example.org:3001")]
    public async Task Bad_arguments_are_refused_saying_why(string why, params string[] arguments)
    {
        await using var load = HostedProcess.StartDll(Tool(), "load tool", new Dictionary<string, string>(), arguments);

        Assert.Equal(2, await load.WaitForExitAsync());
        Assert.Contains(why, load.Output, StringComparison.Ordinal);
    }
}
