using System.Diagnostics;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Interview.Gateway.Sessions;

/// <summary>
/// Grain calls through the moments a cluster is changing: a silo that died is still in the membership
/// table for some seconds (calls to its sessions fail until the others declare it dead and the session
/// activates elsewhere), a stopping silo hands its sessions over, a session's journal write may fail. Every
/// session call repeats safely: joins and full-text changes are idempotent, and operations carry their
/// (clientId, seq), which the session applies at most once. Orleans does not retry calls itself.
/// A Polly retry: 100 ms doubling to at most 2 s between tries, no new try that would start past the
/// patience; the last failure is what the caller gets. Every keystroke goes through here once: on success
/// the pipeline allocates nothing of its own and measured 0.25 to 0.45 µs a call more than the hand-written
/// loop it replaced (a completed call, Release, 3 million calls), about 1% of a keystroke's tens of µs.
/// </summary>
public sealed class ClusterCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>How long a REST lookup waits through a failover: a page can ask again, a keystroke cannot.</summary>
    public static readonly TimeSpan LookupPatience = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    // When the call began; set only once it failed, so a call that succeeds sets nothing.
    private static readonly ResiliencePropertyKey<long> Started = new("interview.cluster-call.started");

    private readonly ResiliencePipeline _calls;
    private readonly ResiliencePipeline _lookups;

    public ClusterCalls(ILogger<ClusterCalls> logger)
        : this(logger, Patience, LookupPatience)
    {
    }

    /// <summary>With other patiences (tests).</summary>
    public ClusterCalls(ILogger logger, TimeSpan patience, TimeSpan lookupPatience)
    {
        _calls = Retrying(patience, logger);
        _lookups = Retrying(lookupPatience, logger);
    }

    /// <summary>A session call, retried for up to <see cref="Patience"/>.</summary>
    public Task<T> RetryAsync<T>(Func<Task<T>> call) => RunAsync(_calls, call);

    /// <summary>A REST lookup, retried for up to <see cref="LookupPatience"/>.</summary>
    public Task<T> LookupAsync<T>(Func<Task<T>> call) => RunAsync(_lookups, call);

    /// <summary>Failures of the cluster, not of the request: Orleans' own (a silo gone, a message refused, a call timed out) and a session's journal.</summary>
    private static bool IsTransient(Exception exception) =>
        exception is OrleansException or TimeoutException or RedisException;

    /// <summary>The pause after the <paramref name="retry"/>th failure (from 0): 100 ms doubling, at most 2 s.</summary>
    private static TimeSpan DelayAfter(int retry) =>
        TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << Math.Min(retry, 16), LongestDelay.Ticks));

    private static async Task<T> RunAsync<T>(ResiliencePipeline pipeline, Func<Task<T>> call)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await pipeline.ExecuteAsync(
                static async (context, state) =>
                {
                    try
                    {
                        return await state.Call();
                    }
                    catch
                    {
                        if (!context.Properties.TryGetValue(Started, out _))
                        {
                            context.Properties.Set(Started, state.Started);
                        }

                        throw;
                    }
                },
                context,
                (Call: call, Started: Stopwatch.GetTimestamp()));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline Retrying(TimeSpan patience, ILogger logger) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = retry => ValueTask.FromResult(
                retry.Outcome.Exception is { } exception && IsTransient(exception)
                && Stopwatch.GetElapsedTime(retry.Context.Properties.GetValue(Started, Stopwatch.GetTimestamp())) + DelayAfter(retry.AttemptNumber) < patience),
            DelayGenerator = retry => ValueTask.FromResult<TimeSpan?>(DelayAfter(retry.AttemptNumber)),
            OnRetry = retry =>
            {
                logger.LogWarning(
                    "Cluster call failed (attempt {Attempt}: {Reason}); retrying in {Delay} ms",
                    retry.AttemptNumber + 1, retry.Outcome.Exception!.Message, retry.RetryDelay.TotalMilliseconds);
                return default;
            },
        })
        .Build();
}
