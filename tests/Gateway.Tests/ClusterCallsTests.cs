using System.Diagnostics;
using Interview.Gateway.Sessions;
using Microsoft.Extensions.Logging;

namespace Interview.Gateway.Tests;

/// <summary>ClusterCalls' retry: transient cluster failures are tried again (100 ms doubling), others not; past its patience the last failure is the caller's.</summary>
public class ClusterCallsTests
{
    private readonly ListLogger _log = new();

    [Fact]
    public async Task A_call_that_succeeds_is_made_once_and_logs_nothing()
    {
        var calls = 0;
        var answer = await Calls().RetryAsync(() => Task.FromResult(++calls));

        Assert.Equal((1, 1), (answer, calls));
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task Transient_failures_are_tried_again_with_a_warning_each()
    {
        var calls = 0;
        var answer = await Calls().RetryAsync(() => ++calls switch
        {
            1 => throw new TimeoutException("silo gone"),
            2 => throw new Orleans.Runtime.OrleansException("rejected"),
            3 => throw new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.SocketFailure, "journal"),
            var n => Task.FromResult(n),
        });

        Assert.Equal(4, answer);
        (LogLevel, string)[] expected =
        [
            (LogLevel.Warning, "Cluster call failed (attempt 1: silo gone); retrying in 100 ms"),
            (LogLevel.Warning, "Cluster call failed (attempt 2: rejected); retrying in 200 ms"),
            (LogLevel.Warning, "Cluster call failed (attempt 3: journal); retrying in 400 ms"),
        ];
        Assert.Equal(expected, _log.Lines);
    }

    [Fact]
    public async Task Any_other_failure_is_the_callers_at_once()
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Calls().RetryAsync<int>(() => { calls++; throw new InvalidOperationException("a bug"); }));

        Assert.Equal(1, calls);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task Past_its_patience_the_last_failure_is_the_callers()
    {
        var calls = 0;
        var started = Stopwatch.GetTimestamp();

        // Pauses of 100, 200 and 400 ms fit in a second; the next, 800 ms, would end past it.
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => Calls(lookups: TimeSpan.FromSeconds(1)).LookupAsync<int>(() => throw new TimeoutException($"try {++calls}")));

        Assert.Equal(("try 4", 4), (failure.Message, calls));
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(650), TimeSpan.FromSeconds(5));
        Assert.Equal(3, _log.Lines.Count);
    }

    [Fact]
    public async Task The_delays_double_up_to_two_seconds()
    {
        var calls = 0;
        await Calls().RetryAsync(() => ++calls < 7 ? throw new TimeoutException("t") : Task.FromResult(calls));

        Assert.Equal(new[] { "100", "200", "400", "800", "1600", "2000" }, _log.Lines.Select(line => line.Message.Split(' ')[^2]));
    }

    private ClusterCalls Calls(TimeSpan? lookups = null) => new(_log, TimeSpan.FromSeconds(45), lookups ?? TimeSpan.FromSeconds(10));

    private sealed class ListLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
