using System.Collections.Concurrent;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The latest revision of each session this gateway relayed to its connections. When a session loses
/// this gateway's registration (a new activation), what it changed meanwhile reached nobody here; this
/// says from where to catch the connections up.
/// </summary>
public sealed class RelayedRevisions
{
    private readonly ConcurrentDictionary<Guid, long> _latest = new();

    public void Note(Guid sessionId, long revision) =>
        _latest.AddOrUpdate(sessionId, revision, (_, known) => Math.Max(known, revision));

    public long? Of(Guid sessionId) => _latest.TryGetValue(sessionId, out var revision) ? revision : null;

    public void Forget(Guid sessionId) => _latest.TryRemove(sessionId, out _);
}
