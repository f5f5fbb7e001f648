using System.Diagnostics;
using System.Net;
using Interview.Tests.Common;
using Xunit.Abstractions;

namespace Interview.Gateway.Tests.SocketIo;

/// <summary>
/// SPEC.md's integration scenarios 1 to 5 (node/spec-scenarios.mjs) with the real npm socket.io-client at
/// the gateway's /socket.io/ door, over each transport a SPEC client may use: a WebSocket, HTTP long
/// polling alone, and polling upgraded to a WebSocket (docs/protocol.md, "The Socket.IO door").
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoNodeClientTests(GatewayFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    [InlineData("upgrade")]
    public async Task SPEC_scenarios_pass_with_socket_io_client(string transport)
    {
        var expired = await fixture.CreateSessionAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(31)); // SESSION_TIMEOUT with nobody in it
        await Eventually.HoldsAsync(
            async () => (await fixture.Http.GetAsync($"/api/sessions/{expired}")) is { StatusCode: HttpStatusCode.NotFound } answer
                && (await answer.Content.ReadAsStringAsync()).Contains("SESSION_EXPIRED", StringComparison.Ordinal),
            "the idle session expired");

        var (exitCode, lines) = await RunNodeAsync("spec-scenarios.mjs", "--url", fixture.BaseAddress.ToString().TrimEnd('/'), "--transport", transport, "--expired", expired);

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        Assert.Equal(
            ["ok 1 create, join, sync code", "ok 2 several users editing at once", "ok 3 language switching with active users", "ok 4 disconnect and reconnect", "ok 5 session expiration"],
            lines.Where(line => line.StartsWith("ok ", StringComparison.Ordinal) || line.StartsWith("not ok ", StringComparison.Ordinal)));
        Assert.Equal(0, exitCode);
    }

    /// <summary>Runs a script of node/ to its end (at most two minutes): its exit code and its output's lines.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunNodeAsync(string script, params string[] arguments)
    {
        var folder = Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "Gateway.Tests", "SocketIo", "node");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "socket.io-client")), "the build ran npm ci in tests/Gateway.Tests/SocketIo/node");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} ran past two minutes:\n{await stdout}\n{await stderr}");
        }

        var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }
}
