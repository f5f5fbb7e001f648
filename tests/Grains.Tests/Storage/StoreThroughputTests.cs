using System.Diagnostics;
using System.Globalization;
using Interview.Grains.Journal;
using Interview.Grains.Sessions;
using Interview.Grains.Storage;
using Interview.Shared.Text;
using Xunit.Abstractions;

namespace Interview.Grains.Tests.Storage;

/// <summary>
/// The store under the embedded default's heaviest load (README, "Performance"): 100 sessions of 10
/// typists at 5 keystrokes a second, each session appending one keystroke at a time as its grain does
/// (the next only once the last is on disk), and writing its 100 KB state once a second. Group commit
/// must keep every session's entries whole and in order; the figures it prints (latency, commits, the
/// writer thread's CPU) are for the README, not asserted: a shared 2-core machine makes timings noise.
/// </summary>
public sealed class StoreThroughputTests(ITestOutputHelper output) : IDisposable
{
    private const int Sessions = 100;
    private const int AppendsPerSession = 50; // 10 typists x 5 keystrokes a second
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private readonly TemporaryStore _folder = new();

    [Fact]
    public async Task Under_5000_appends_and_100_state_writes_of_100_KB_a_second_every_one_is_kept_in_order()
    {
        var journal = new SqliteSessionJournal(_folder.Store);
        var storage = TemporaryStore.GrainStorage(_folder.Store);
        var warm = new GrainState<SessionState>(new SessionState { Code = new string('x', 100 * 1024) }); // as a silo is after its first session
        await storage.WriteStateAsync("session", GrainId.Create("session", "warm-up"), warm);
        await journal.AppendAsync(Guid.NewGuid(), new JournalEntry(1, 1, new TextOperation.Builder().Insert("a").Build(), "user", "tab", 1));

        var latencies = new List<double>[Sessions];
        var sessions = new Guid[Sessions];
        var (commitsBefore, writesBefore) = _folder.Store.WriterCounts;
        var (cpuBefore, writerBefore) = (Process.GetCurrentProcess().TotalProcessorTime, WriterCpu());
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(s => Task.Run(async () =>
        {
            var (session, mine) = (sessions[s] = Guid.NewGuid(), latencies[s] = new List<double>(AppendsPerSession * 4));
            var grain = GrainId.Create("session", session.ToString("N"));
            var state = new GrainState<SessionState>(new SessionState { Created = true, Code = new string('x', 100 * 1024) });
            var interval = TimeSpan.FromSeconds(1.0 / AppendsPerSession);
            var start = TimeSpan.FromMilliseconds(s % 20); // keystrokes not all in step
            var nextWrite = TimeSpan.FromMilliseconds(s * 10); // state writes spread over the second, as sessions' timers are
            for (var n = 1L; n <= AppendsPerSession * Duration.TotalSeconds; n++)
            {
                if (start + (n * interval) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var began = clock.Elapsed;
                await journal.AppendAsync(session, new JournalEntry(n, n, new TextOperation.Builder().Retain((int)n).Insert("a").Build(), "user", "tab", n));
                mine.Add((clock.Elapsed - began).TotalMilliseconds);
                if (clock.Elapsed >= nextWrite)
                {
                    state.State!.Revision = n;
                    await storage.WriteStateAsync("session", grain, state);
                    nextWrite += TimeSpan.FromSeconds(1);
                }
            }
        })));

        var elapsed = clock.Elapsed;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / elapsed;
        var writerCpu = (WriterCpu() - writerBefore) / elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var (commits, writes) = _folder.Store.WriterCounts;
        (commits, writes) = (commits - commitsBefore, writes - writesBefore);
        output.WriteLine(
            $"{all.Length} appends and {writes - all.Length} state writes in {elapsed.TotalSeconds:F2} s ({all.Length / elapsed.TotalSeconds:F0} appends/s); " +
            $"append p50 {all[all.Length / 2]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms, max {all[^1]:F2} ms; " +
            $"{commits} commits ({commits / elapsed.TotalSeconds:F0}/s), {writes / (double)commits:F1} writes each; " +
            $"CPU: the writer thread {writerCpu:P0} of a core, this whole process (the 100 sessions' loops too) {cpu:P0}");

        Assert.Equal(Sessions * AppendsPerSession * Duration.TotalSeconds, all.Length);
        Assert.True(commits < writes, "appends of different sessions share commits");
        foreach (var session in sessions)
        {
            var kept = await journal.ReadAsync(session);
            Assert.Equal(Enumerable.Range(1, (int)(AppendsPerSession * Duration.TotalSeconds)).Select(n => (long)n), kept.Select(entry => entry.Sequence));
            Assert.All(kept, entry => Assert.Equal(entry.Sequence + 1, entry.Operation!.TargetLength));
        }
    }

    /// <summary>CPU time of the store's writer thread so far, from Linux's /proc (the thread is named after it).</summary>
    private static TimeSpan WriterCpu()
    {
        foreach (var thread in Directory.GetDirectories("/proc/self/task"))
        {
            if (File.ReadAllText(Path.Combine(thread, "comm")).StartsWith("Interview store", StringComparison.Ordinal))
            {
                // Fields 14 and 15 of stat, after the parenthesised name: user and system time in clock ticks (100 a second).
                var fields = File.ReadAllText(Path.Combine(thread, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
            }
        }

        return TimeSpan.Zero;
    }

    public void Dispose() => _folder.Dispose();
}
