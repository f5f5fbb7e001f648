using System.Diagnostics;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Load;

/// <summary>
/// The "100 concurrent sessions, 10 users per session typing at once" target through
/// submit-operation (with, optionally, a large document, injected network latency, or one user per
/// session switching the language). Ends by checking every keystroke arrived exactly once everywhere.
/// </summary>
public static class TypingScenario
{
    public static async Task<Report> RunAsync(LoadOptions options, GatewayUnderTest gateway)
    {
        var report = NewReport(options);
        var run = new Run();
        await using var proxy = options.DelayMilliseconds > 0 ? new DelayProxy(gateway.Address, TimeSpan.FromMilliseconds(options.DelayMilliseconds)) : null;
        var hub = new Uri(proxy?.Address ?? gateway.Address, "/hub");

        using var sessions = new Sessions(gateway.Address);
        var ids = await sessions.CreateAsync(options.Sessions);
        if (options.DocBytes > 0)
        {
            await Task.WhenAll(ids.Select(id => SeedAsync(gateway.Hub, id, options.DocBytes)));
        }

        var typists = new List<LoadTypist>();
        foreach (var batch in ids.SelectMany(id => Enumerable.Range(0, options.Users).Select(user => (id, user))).Chunk(200))
        {
            typists.AddRange(await Task.WhenAll(batch.Select(pair => LoadTypist.JoinAsync(hub, pair.id, LoadOptions.Letters[pair.user], run))));
        }

        var initial = typists.GroupBy(t => t.Text).Count() <= options.Sessions ? "ok" : "uneven";
        report.Notes.Add($"{typists.Count} typists joined ({initial} starting texts)");

        using var stop = new CancellationTokenSource();
        var switching = options.Scenario == "language" ? SwitchLanguagesAsync(gateway.Hub, ids, options.Rate, run, stop.Token) : Task.CompletedTask;
        var typing = typists.Select(typist => TypeAsync(typist, options.Rate, stop.Token)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var (cpuBefore, clock) = (gateway.CpuTime(), Stopwatch.StartNew());
        var keystrokesBefore = typists.Sum(t => t.Keystrokes);
        run.Measuring = true;
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        run.Measuring = false;
        var elapsed = clock.Elapsed;
        report.ServerCpuPercent = Percent(gateway.CpuTime() - cpuBefore, elapsed);
        report.ServerMemoryMegabytes = gateway.ResidentBytes() / 1024.0 / 1024.0;
        report.Keystrokes = typists.Sum(t => t.Keystrokes) - keystrokesBefore;
        await stop.CancelAsync();
        await Task.WhenAll(typing.Append(switching));

        report.KeystrokeToRemote = run.KeystrokeToRemote.Summary();
        report.MessagesInPerSecond = run.MessagesIn / elapsed.TotalSeconds;
        report.MessagesOutPerSecond = run.MessagesOut / elapsed.TotalSeconds;
        await VerifyAsync(gateway.Hub, ids, typists, options.Users, report);
        report.Errors = new(run.Errors);
        await Task.WhenAll(typists.Select(t => t.DisposeAsync().AsTask()));
        return report;
    }

    private static Report NewReport(LoadOptions options) => new()
    {
        Scenario = options.Scenario,
        Setup = new()
        {
            ["sessions"] = options.Sessions,
            ["users"] = options.Users,
            ["rate"] = options.Rate,
            ["seconds"] = options.Seconds,
            ["docBytes"] = options.DocBytes,
            ["delayMs"] = options.DelayMilliseconds,
        },
    };

    private static async Task TypeAsync(LoadTypist typist, double rate, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / rate);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * period.TotalMilliseconds), CancellationToken.None);
        using var timer = new PeriodicTimer(period);
        while (!stop.IsCancellationRequested)
        {
            typist.Type();
            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A full-text connection sets each session's text to <paramref name="bytes"/> of code before anyone types.</summary>
    private static async Task SeedAsync(Uri hub, string sessionId, int bytes)
    {
        var line = "const value = compute(input, options); // a line of a long program\n";
        var code = string.Concat(Enumerable.Repeat(line, bytes / line.Length + 1))[..bytes];
        await using var connection = new HubConnectionBuilder().WithUrl(hub).Build();
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, _ => joined.TrySetResult());
        await connection.StartAsync();
        var userId = Guid.NewGuid().ToString();
        await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId, username = "seed" });
        await joined.Task;
        await connection.InvokeAsync(HubMethods.CodeChange, new { sessionId, code, language = "javascript", userId });
    }

    private static async Task SwitchLanguagesAsync(Uri hub, IReadOnlyList<string> ids, double rate, Run run, CancellationToken stop)
    {
        var switchers = await Task.WhenAll(ids.Select(async id =>
        {
            var connection = new HubConnectionBuilder().WithUrl(hub).Build();
            var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.On<SessionJoined>(HubEvents.SessionJoined, _ => joined.TrySetResult());
            connection.On<ErrorPayload>(HubEvents.Error, error => run.Error(error.Code));
            await connection.StartAsync();
            var userId = Guid.NewGuid().ToString();
            await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId, username = "switcher" });
            await joined.Task;
            return (connection, id, userId);
        }));

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
        var python = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                python = !python;
                await Task.WhenAll(switchers.Select(s => s.connection.InvokeAsync(HubMethods.LanguageChange, new { sessionId = s.id, language = python ? "python" : "javascript", s.userId })));
                run.MessageIn();
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(switchers.Select(s => s.connection.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// Waits for every typist to be answered, then compares: each session's typists and a newcomer
    /// must show one text, holding each typist's letter exactly as often as it was typed.
    /// </summary>
    private static async Task VerifyAsync(Uri hub, IReadOnlyList<string> ids, List<LoadTypist> typists, int users, Report report)
    {
        var clock = Stopwatch.StartNew();
        while (typists.Any(t => !t.Settled) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        for (var s = 0; s < ids.Count; s++)
        {
            var members = typists.Skip(s * users).Take(users).ToList();
            var expected = await CurrentCodeAsync(hub, ids[s]);
            var texts = members.Select(m => m.Text).Append(expected).Distinct().Count();
            if (texts > 1 || members.Any(m => !m.Settled))
            {
                report.Diverged++;
            }

            foreach (var member in members)
            {
                var found = expected.Count(c => c == member.Letter);
                report.Lost += Math.Max(0, member.Keystrokes - found);
                report.Doubled += Math.Max(0, found - member.Keystrokes);
            }
        }
    }

    private static async Task<string> CurrentCodeAsync(Uri hub, string sessionId)
    {
        await using var connection = new HubConnectionBuilder().WithUrl(hub).Build();
        var joined = new TaskCompletionSource<SessionJoined>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, j => joined.TrySetResult(j));
        await connection.StartAsync();
        await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = Guid.NewGuid().ToString(), username = "checker", protocol = "ot" });
        return (await joined.Task.WaitAsync(TimeSpan.FromSeconds(30))).CurrentCode;
    }

    public static double? Percent(TimeSpan? used, TimeSpan elapsed) => used is { } cpu ? cpu / elapsed * 100 : null;
}
