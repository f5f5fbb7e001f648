using Orleans.Streams;

namespace Interview.Gateway.Sessions;

/// <summary>A session as one gateway sees it: its connections here and this gateway's subscription to its events.</summary>
public sealed class LocalSession(Guid id)
{
    public Guid Id { get; } = id;

    /// <summary>Serialises joins, leaves and renewals of this session on this gateway (never a keystroke).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

    public StreamSubscriptionHandle<SessionEvent>? Events { get; set; }

    /// <summary>Set once the last connection left; a waiter that finds it closed starts over with a fresh one.</summary>
    public bool Closed { get; set; }
}
