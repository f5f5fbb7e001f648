using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Services;

/// <summary>SPEC.md's reconnection: a try every second, five tries, then offline (the user can retry).</summary>
public sealed class SpecRetryPolicy : IRetryPolicy
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < MaxAttempts ? Delay : null;
}
