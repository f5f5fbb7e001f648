using System.Net;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// Two gateways of one local cluster (ORLEANS_PRIMARY_SILO_PORT) on one DATA_DIR (README, "Configuration"):
/// their silos share the database safely, and with it the sessions.
/// </summary>
public sealed class SharedDataDirectoryTests : IDisposable
{
    private readonly string _dataDirectory = TestEnvironment.NewDataDirectory();

    private Dictionary<string, string> Environment(int port, int siloPort, int? primarySiloPort = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(),
            ["ORLEANS_SILO_PORT"] = siloPort.ToString(),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(),
            ["DATA_DIR"] = _dataDirectory,
            ["MAX_SESSIONS_PER_HOUR"] = "100", // every creation here comes from 127.0.0.1
        };
        if (primarySiloPort is { } primary)
        {
            environment["ORLEANS_PRIMARY_SILO_PORT"] = primary.ToString();
        }

        return environment;
    }

    [Fact]
    public async Task Two_local_silos_on_one_DATA_DIR_share_its_sessions_and_keep_them()
    {
        var (primaryPort, primarySilo, secondPort) = (TestEnvironment.FreePort(), TestEnvironment.FreePort(), TestEnvironment.FreePort());
        using var primaryHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{primaryPort}") };
        using var secondHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{secondPort}") };
        var sessions = new List<string>();
        var primary = HostedProcess.Start("Gateway", Environment(primaryPort, primarySilo));
        try
        {
            await primary.WaitUntilServingAsync(primaryHttp);
            await using var second = HostedProcess.Start("Gateway", Environment(secondPort, TestEnvironment.FreePort(), primarySilo));
            await second.WaitUntilServingAsync(secondHttp);

            // Sessions created through either gateway land on either silo; each one's edits go through the other gateway.
            for (var i = 0; i < 6; i++)
            {
                var (creator, editor) = i % 2 == 0 ? (primaryHttp, secondHttp) : (secondHttp, primaryHttp);
                var created = await Json.ReadAsync(await creator.PostAsync("/api/sessions/create", Json.Raw("""{"language":"python"}""")));
                var sessionId = created.Str("sessionId");
                await using var participant = await TestParticipant.ConnectAsync(editor.BaseAddress!, "Ada", Guid.NewGuid().ToString());
                await participant.JoinAsync(sessionId);
                await participant.ChangeCodeAsync(sessionId, $"print({i})\n", "python");
                sessions.Add(sessionId);
            }

            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync());
            primary.Terminate();
            Assert.Equal(0, await primary.WaitForExitAsync());
        }
        finally
        {
            await primary.DisposeAsync();
        }

        await using var alone = HostedProcess.Start("Gateway", Environment(primaryPort, primarySilo));
        await alone.WaitUntilServingAsync(primaryHttp);
        for (var i = 0; i < sessions.Count; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await primaryHttp.GetAsync($"/api/sessions/{sessions[i]}")).StatusCode);
            await using var participant = await TestParticipant.ConnectAsync(primaryHttp.BaseAddress!, "Bob", Guid.NewGuid().ToString());
            var joined = await participant.JoinAsync(sessions[i]);
            Assert.Equal($"print({i})\n", joined.Str("currentCode"));
        }
    }

    public void Dispose() => TestEnvironment.DeleteDataDirectory(_dataDirectory);
}
