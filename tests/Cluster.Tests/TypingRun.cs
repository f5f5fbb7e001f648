using System.Diagnostics;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// Two people typing at once, a token every <see cref="KeystrokeInterval"/> each, while something happens
/// to the cluster; measures how long after it each one's new typing reached the other again.
/// </summary>
public sealed class TypingRun(Typist first, Typist second)
{
    public static readonly TimeSpan KeystrokeInterval = TimeSpan.FromMilliseconds(40);
    private readonly CancellationTokenSource _stop = new();
    private int _firstCount;
    private int _secondCount;

    /// <summary>Types for a while, disrupts, types until both see each other's new typing, a while more, then stops.</summary>
    public async Task<TimeSpan> AroundAsync(Func<Task> disruption, ITestOutputHelper output, string what)
    {
        var typing = Task.WhenAll(TypeAsync(first, 'A', () => ++_firstCount), TypeAsync(second, 'B', () => ++_secondCount));
        try
        {
            await Eventually.HoldsAsync(
                async () => (await second.TextAsync()).Contains("[A10]") && (await first.TextAsync()).Contains("[B10]"),
                "typing flows both ways before anything happens");
            await disruption();
            var clock = Stopwatch.StartNew();
            var (firstMark, secondMark) = ($"[A{Volatile.Read(ref _firstCount) + 1}]", $"[B{Volatile.Read(ref _secondCount) + 1}]");
            await Eventually.HoldsAsync(
                async () => (await second.TextAsync()).Contains(firstMark) && (await first.TextAsync()).Contains(secondMark),
                $"after {what}, each sees what the other typed since",
                TimeSpan.FromSeconds(90));
            var recovery = clock.Elapsed;
            output.WriteLine($"{what}: typing flowed both ways again {recovery.TotalMilliseconds:F0} ms later");
            var (firstLater, secondLater) = ($"[A{Volatile.Read(ref _firstCount) + 20}]", $"[B{Volatile.Read(ref _secondCount) + 20}]");
            await Eventually.HoldsAsync(
                async () => (await second.TextAsync()).Contains(firstLater) && (await first.TextAsync()).Contains(secondLater),
                $"after {what}, typing keeps flowing",
                TimeSpan.FromSeconds(30));
            return recovery;
        }
        finally
        {
            await _stop.CancelAsync();
            await typing;
        }
    }

    private async Task TypeAsync(Typist typist, char letter, Func<int> next)
    {
        using var timer = new PeriodicTimer(KeystrokeInterval);
        while (!_stop.IsCancellationRequested && await timer.WaitForNextTickAsync())
        {
            var number = next();
            await typist.TypeAsync($"[{letter}{number}]", atStart: number % 2 == 0);
        }
    }
}
