using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Interview.Gateway.Tests;

/// <summary>
/// The attack that took the gateway down: tens of thousands of connections from one address, held open.
/// The built gateway, as `dotnet run` starts it, keeps serving everyone else with its memory bounded.
/// </summary>
public sealed class ConnectionFloodTests(ITestOutputHelper output)
{
    private const int Attempts = 20_000;
    private const int Wave = 1_000;

    [Fact]
    public async Task Twenty_thousand_connection_attempts_from_one_address_and_a_normal_user_is_still_served()
    {
        // The gateway (a child inherits the limit) must not be the one to run out of open files first:
        // the soft limit is raised to the hard one (20,000 on this machine, which is all it allows).
        RaiseOpenFileLimit();
        var port = TestEnvironment.FreePort();
        await using var gateway = HostedProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(),
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(),
            ["LOG_LEVEL"] = "warn",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await gateway.WaitUntilServingAsync(http);
        var before = Memory(gateway.ProcessId);

        // The attacker is 127.0.0.2 (every 127/8 address is this machine), the normal user 127.0.0.1.
        var held = new List<Socket>();
        var outcomes = new Dictionary<string, int>();
        try
        {
            for (var sent = 0; sent < Attempts; sent += Wave)
            {
                var wave = await Task.WhenAll(Enumerable.Range(0, Wave).Select(_ => AttemptAsync(port)));
                foreach (var (socket, outcome) in wave)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                    if (outcome == "closed")
                    {
                        socket.Dispose(); // the gateway has let go of it already: holding this end costs it nothing
                    }
                    else
                    {
                        held.Add(socket);
                    }
                }
            }

            var during = Memory(gateway.ProcessId);
            Assert.False(gateway.HasExited, gateway.Output);

            // Everyone else: a session created, joined by two, an edit heard.
            var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })))).Str("sessionId");
            await using var ada = await TestParticipant.ConnectAsync(http.BaseAddress!, "Ada", Guid.NewGuid().ToString());
            await using var bob = await TestParticipant.ConnectAsync(http.BaseAddress!, "Bob", Guid.NewGuid().ToString());
            await ada.JoinAsync(id);
            await bob.JoinAsync(id);
            await ada.ChangeCodeAsync(id, "print('still serving')", "python");
            await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "print('still serving')");

            output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
            output.WriteLine($"gateway memory: before {before.Rss} MB, with the flood held {during.Rss} MB, peak {during.Peak} MB");

            // At most MAX_CONNECTIONS_PER_IP (100) upgraded, at most four times that many sockets answered at all;
            // every other attempt was closed on arrival, and memory stayed bounded.
            Assert.InRange(outcomes.GetValueOrDefault("101"), 1, 100);
            Assert.InRange(outcomes.GetValueOrDefault("101") + outcomes.GetValueOrDefault("429"), 1, 400);
            Assert.True(outcomes.GetValueOrDefault("closed") >= Attempts - 400, $"outcomes: {string.Join(", ", outcomes)}");
            Assert.True(during.Peak < 1024, $"the gateway's memory peaked at {during.Peak} MB");
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }

    // One attempt: a TCP connection from 127.0.0.2 asking to upgrade /hub to a WebSocket, left open;
    // its outcome is the status answered ("101", "429") or "closed" if the gateway hung up first.
    private static async Task<(Socket Socket, string Outcome)> AttemptAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"GET /hub HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            var buffer = new byte[512];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var read = await socket.ReceiveAsync(buffer, patience.Token);
            var status = Encoding.ASCII.GetString(buffer, 0, read).Split(' ', 3);
            return (socket, read == 0 || status.Length < 2 ? "closed" : status[1]);
        }
        catch (SocketException)
        {
            return (socket, "closed");
        }
    }

    private static (long Rss, long Peak) Memory(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        long Field(string name) => long.Parse(status.Single(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return (Field("VmRSS:"), Field("VmHWM:"));
    }

    private static void RaiseOpenFileLimit()
    {
        Assert.True(GetResourceLimit(OpenFiles, out var limit) == 0, $"reading the open-file limit failed (errno {Marshal.GetLastPInvokeError()})");
        limit.Current = limit.Maximum;
        Assert.True(SetResourceLimit(OpenFiles, ref limit) == 0, $"raising the open-file limit to {limit.Maximum} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    private const int OpenFiles = 7; // RLIMIT_NOFILE on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetResourceLimit(int resource, out ResourceLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetResourceLimit(int resource, ref ResourceLimit limit);
}
