using System.Collections.Concurrent;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The latest revision of each session's code and notes this gateway relayed to its connections. When a
/// session loses this gateway's registration (a new activation), what it changed meanwhile reached nobody
/// here; this says from where to catch the connections up.
/// </summary>
public sealed class RelayedRevisions
{
    private readonly ConcurrentDictionary<(Guid, bool Notes), long> _latest = new();

    public void Note(Guid sessionId, long revision, bool notes = false) =>
        _latest.AddOrUpdate((sessionId, notes), revision, (_, known) => Math.Max(known, revision));

    public long? Of(Guid sessionId, bool notes = false) => _latest.TryGetValue((sessionId, notes), out var revision) ? revision : null;

    public void Forget(Guid sessionId)
    {
        _latest.TryRemove((sessionId, false), out _);
        _latest.TryRemove((sessionId, true), out _);
    }
}
