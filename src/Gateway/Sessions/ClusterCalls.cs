using StackExchange.Redis;

namespace Interview.Gateway.Sessions;

/// <summary>
/// Grain calls through the moments a cluster is changing: a silo that died is still in the membership
/// table for some seconds (calls to its sessions fail until the others declare it dead and the session
/// activates elsewhere), a stopping silo hands its sessions over, a session's journal write may fail. Every
/// session call repeats safely: joins and full-text changes are idempotent, and operations carry their
/// (clientId, seq), which the session applies at most once. Orleans does not retry calls itself.
/// </summary>
public static class ClusterCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long a REST lookup waits through a failover: a page can ask again, a keystroke cannot.</summary>
    public static readonly TimeSpan LookupPatience = TimeSpan.FromSeconds(10);

    public static Task<T> RetryAsync<T>(Func<Task<T>> call, ILogger logger) => RetryAsync(call, logger, Patience);

    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, ILogger logger, TimeSpan patience)
    {
        var giveUpAt = DateTimeOffset.UtcNow + patience;
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (IsTransient(exception) && DateTimeOffset.UtcNow + delay < giveUpAt)
            {
                logger.LogWarning("Cluster call failed (attempt {Attempt}: {Reason}); retrying in {Delay} ms", attempt, exception.Message, delay.TotalMilliseconds);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    /// <summary>Failures of the cluster, not of the request: Orleans' own (a silo gone, a message refused, a call timed out) and a session's journal.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is OrleansException or TimeoutException or RedisException;
}
