using System.Collections.Concurrent;
using System.Diagnostics;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Load;

/// <summary>
/// The same sessions and users through the full-text protocol: each change sends the whole text
/// (code-change) and everyone else receives the whole text (code-update). Concurrent full-text changes
/// overwrite each other by design of that protocol, so this scenario checks only that everyone ends
/// with the session's text, and measures how long a change takes to reach the others.
/// </summary>
public static class FullTextScenario
{
    public static async Task<Report> RunAsync(LoadOptions options, GatewayUnderTest gateway)
    {
        var report = new Report
        {
            Scenario = options.Scenario,
            Setup = new() { ["sessions"] = options.Sessions, ["users"] = options.Users, ["rate"] = options.Rate, ["seconds"] = options.Seconds },
        };
        var run = new Run();
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal); // a user's latest change
        using var sessions = new Sessions(gateway.Address);
        var ids = await sessions.CreateAsync(options.Sessions);

        var clients = new List<(HubConnection Connection, string SessionId, string UserId, StrongBox Text)>();
        foreach (var batch in ids.SelectMany(id => Enumerable.Range(0, options.Users).Select(_ => id)).Chunk(200))
        {
            clients.AddRange(await Task.WhenAll(batch.Select(async id =>
            {
                var connection = new HubConnectionBuilder().WithUrl(gateway.Hub).Build();
                var text = new StrongBox();
                var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.On<SessionJoined>(HubEvents.SessionJoined, j => { text.Value = j.CurrentCode; joined.TrySetResult(); });
                connection.On<CodeUpdate>(HubEvents.CodeUpdate, update =>
                {
                    text.Value = update.Code;
                    if (run.Measuring && sentAt.TryGetValue(update.UserId, out var at))
                    {
                        run.KeystrokeToRemote.Add(at);
                    }

                    run.Received(string.Empty, 0);
                });
                connection.On<ErrorPayload>(HubEvents.Error, error => run.Error(error.Code));
                await connection.StartAsync();
                var userId = Guid.NewGuid().ToString();
                await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId, username = "fulltext" });
                await joined.Task;
                return (connection, id, userId, text);
            })));
        }

        using var stop = new CancellationTokenSource();
        var typing = clients.Select(client => Task.Run(async () =>
        {
            var period = TimeSpan.FromSeconds(1 / options.Rate);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * period.TotalMilliseconds));
            using var timer = new PeriodicTimer(period);
            do
            {
                var code = client.Text.Value + "x";
                client.Text.Value = code;
                sentAt[client.UserId] = Latencies.Now;
                run.MessageIn();
                try
                {
                    await client.Connection.InvokeAsync(HubMethods.CodeChange, new { sessionId = client.SessionId, code, language = "javascript", userId = client.UserId });
                }
                catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
                {
                    run.Error("SEND_FAILED");
                }
            }
            while (await WaitAsync(timer, stop.Token));
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var (cpuBefore, clock) = (gateway.CpuTime(), Stopwatch.StartNew());
        run.Measuring = true;
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        run.Measuring = false;
        var elapsed = clock.Elapsed;
        report.ServerCpuPercent = TypingScenario.Percent(gateway.CpuTime() - cpuBefore, elapsed);
        report.ServerMemoryMegabytes = gateway.ResidentBytes() / 1024.0 / 1024.0;
        await stop.CancelAsync();
        await Task.WhenAll(typing);

        // Every change has been answered (InvokeAsync returned); the last code-updates may still be on their way.
        var deadline = Stopwatch.StartNew();
        while (clients.GroupBy(c => c.SessionId).Any(group => group.Select(c => c.Text.Value).Distinct().Count() > 1) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        report.Diverged = clients.GroupBy(c => c.SessionId).Count(group => group.Select(c => c.Text.Value).Distinct().Count() > 1);
        report.KeystrokeToRemote = run.KeystrokeToRemote.Summary();
        report.MessagesInPerSecond = run.MessagesIn / elapsed.TotalSeconds;
        report.MessagesOutPerSecond = run.MessagesOut / elapsed.TotalSeconds;
        report.Errors = new(run.Errors);
        report.Notes.Add("full-text changes overwrite each other by the full-text protocol's design: only convergence is checked");
        await Task.WhenAll(clients.Select(c => c.Connection.DisposeAsync().AsTask()));
        return report;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A client's text, shared by its event handlers and its typing loop.</summary>
    public sealed class StrongBox
    {
        private string _value = string.Empty;

        public string Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }
    }
}
