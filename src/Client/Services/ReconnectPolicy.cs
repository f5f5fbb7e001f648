using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>
/// Five quick tries a second apart (docs/protocol.md, "Connecting"), then on and on with growing pauses
/// (2, 4, 8, 16, then every 30 s), never giving up: a tab whose network or server comes back finds its session by itself. Past the
/// quick tries the page says Offline, with a Retry that tries at once. Used for SignalR's automatic
/// reconnect and for a start that failed alike.
/// </summary>
public sealed class ReconnectPolicy(Action? pastQuickTries = null) : IRetryPolicy
{
    public const int QuickTries = 5;
    public static readonly TimeSpan QuickDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    /// <summary>The pause before the next try, after <paramref name="previousTries"/> failed ones.</summary>
    public static TimeSpan DelayAfter(long previousTries) => previousTries < QuickTries
        ? QuickDelay
        : TimeSpan.FromSeconds(Math.Min(LongestDelay.TotalSeconds, Math.Pow(2, previousTries - QuickTries + 1)));

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        if (retryContext.PreviousRetryCount >= QuickTries)
        {
            pastQuickTries?.Invoke();
        }

        return DelayAfter(retryContext.PreviousRetryCount);
    }
}
