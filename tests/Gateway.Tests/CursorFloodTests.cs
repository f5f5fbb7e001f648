using System.Collections.Concurrent;
using System.Diagnostics;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Interview.Gateway.Tests;

/// <summary>
/// One user flooding cursor moves from 20 tabs: their budget is one for all their tabs, the others receive
/// at most 20 of their moves a second (always the latest), and another user's keystrokes keep arriving.
/// The gateway is in this process, beside the flood: the latency printed is an upper bound.
/// </summary>
[Collection(GatewayCollection.Name)]
public class CursorFloodTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private const int Tabs = 20;
    private const int Keystrokes = 30;
    private const int MaxMovesPerTab = 5_000; // at 400 a second: well past the 1,300 to 2,500 after which a flooding tab is closed

    [Fact]
    public async Task Twenty_tabs_of_one_user_flooding_cursors_share_one_budget_and_keystrokes_still_arrive()
    {
        var id = await fixture.CreateSessionAsync();
        var received = new ConcurrentQueue<(long At, OperationUpdate? Operation, CursorUpdate? Cursor)>();
        await using var alice = await JoinAsync(id, "Alice", Guid.NewGuid().ToString(), null);
        alice.Connection.On<OperationUpdate>(OtProtocol.Operation, o => received.Enqueue((Stopwatch.GetTimestamp(), o, null)));
        alice.Connection.On<CursorUpdate>(OtProtocol.CursorUpdate, c => received.Enqueue((Stopwatch.GetTimestamp(), null, c)));
        await using var bob = await JoinAsync(id, "Bob", Guid.NewGuid().ToString(), null);

        var malloryId = Guid.NewGuid().ToString();
        var first = await JoinAsync(id, "Mallory", malloryId, null);
        var mallory = new List<Tab> { first };
        for (var i = 1; i < Tabs; i++)
        {
            mallory.Add(await JoinAsync(id, "Mallory", malloryId, first.Joined.UserToken));
        }

        try
        {
            var errors = new ConcurrentBag<ErrorPayload>();
            foreach (var tab in mallory)
            {
                tab.Connection.On<ErrorPayload>(HubEvents.Error, errors.Add);
            }

            // The attack as it was seen: Mallory's 20 tabs send 400 cursor moves a second each (24,000 in the
            // 3 s Bob types a keystroke every 100 ms), each tab within its own connection's budget.
            var floodStarted = Stopwatch.GetTimestamp();
            var sent = 0;
            var flood = mallory.Select(tab => Task.Run(async () =>
            {
                try
                {
                    for (var n = 0; n < MaxMovesPerTab; n++) // until the gateway closes the tab, as a flooder would
                    {
                        await tab.Connection.SendAsync(OtProtocol.CursorChange, new { sessionId = id, selections = new[] { new { anchor = n % 50, head = n % 50 } } });
                        Interlocked.Increment(ref sent);
                        if (n % 40 == 39)
                        {
                            await Task.Delay(100);
                        }
                    }
                }
                catch (InvalidOperationException)
                {
                    // the gateway closed this tab
                }
            })).ToList();

            var typedAt = new Dictionary<long, long>();
            var text = bob.Joined.CurrentCode;
            var revision = bob.Joined.Revision;
            for (var seq = 1; seq <= Keystrokes; seq++)
            {
                typedAt[seq] = Stopwatch.GetTimestamp();
                var answer = await bob.Connection.InvokeAsync<SubmitResult?>(
                    OtProtocol.SubmitOperation, new { sessionId = id, clientId = "bob-tab", seq, revision, operation = new object[] { text.Length, "b" } });
                Assert.True(answer?.Revision is not null, $"keystroke {seq} refused: {answer?.Error}");
                (revision, text) = (answer!.Revision!.Value, text + "b");
                await Task.Delay(100);
            }

            await Task.WhenAll(flood);
            var floodSeconds = Stopwatch.GetElapsedTime(floodStarted).TotalSeconds;
            await Interview.Tests.Common.Eventually.HoldsAsync(() => received.Count(r => r.Operation?.UserId == bob.UserId) == Keystrokes, "Alice receives every keystroke of Bob's");

            var latencies = received.Where(r => r.Operation?.UserId == bob.UserId)
                .Select(r => Stopwatch.GetElapsedTime(typedAt[r.Operation!.Seq], r.At).TotalMilliseconds).Order().ToList();
            var cursors = received.Where(r => r.Cursor?.UserId == malloryId).ToList();
            output.WriteLine(
                $"Mallory sent {sent} cursor moves from {Tabs} tabs in {floodSeconds:F1} s; Alice received {cursors.Count}; "
                + $"Bob's keystroke to Alice: p50 {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms");

            // One budget for all of Mallory's tabs (1200 a minute), refusals that say so, and every tab that
            // goes on sending past as many refusals again is closed, saying why.
            Assert.True(sent > 2 * 1200, $"the flood sent {sent} moves");
            Assert.Contains(errors, e => e.Code == ErrorCodes.RateLimitExceeded && e.Message.Contains("from your tabs together", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Code == ErrorCodes.RateLimitExceeded && e.Message.Contains("this connection is closed", StringComparison.Ordinal));
            await Interview.Tests.Common.Eventually.HoldsAsync(
                () => mallory.All(tab => tab.Connection.State == HubConnectionState.Disconnected), "every flooding tab is closed");
            Assert.True(cursors.Count <= floodSeconds * 1000 / CursorPacing.Interval.TotalMilliseconds + 20, $"{cursors.Count} moves in {floodSeconds:F1} s");
            Assert.Equal(HubConnectionState.Connected, alice.Connection.State);
            Assert.Equal(HubConnectionState.Connected, bob.Connection.State);
        }
        finally
        {
            foreach (var tab in mallory)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private async Task<Tab> JoinAsync(string sessionId, string name, string userId, string? token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.BaseAddress, "/hub")).Build();
        var joined = new TaskCompletionSource<SessionJoined>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, j => joined.TrySetResult(j));
        await connection.StartAsync();
        await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId, username = name, protocol = "ot", userToken = token });
        return new Tab(connection, await joined.Task.WaitAsync(TimeSpan.FromSeconds(15)), userId);
    }

    private sealed record Tab(HubConnection Connection, SessionJoined Joined, string UserId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
