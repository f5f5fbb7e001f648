using System.Collections.Concurrent;

namespace Interview.Gateway.Sessions;

/// <summary>
/// The latest revision of each session's code this gateway relayed to its connections, and of the notes
/// to each interviewer connection (the notes go to connections by name, not to the gateway's group, so an
/// interviewer the session did not know for a while missed what the others here received). When a session
/// loses this gateway's registration (a new activation), what it changed meanwhile reached nobody here;
/// this says from where to catch the connections up.
/// </summary>
public sealed class RelayedRevisions
{
    private readonly ConcurrentDictionary<Guid, long> _code = new();
    private readonly ConcurrentDictionary<string, long> _notes = new(StringComparer.Ordinal);

    public void Note(Guid sessionId, long revision) =>
        _code.AddOrUpdate(sessionId, revision, (_, known) => Math.Max(known, revision));

    public long? Of(Guid sessionId) => _code.TryGetValue(sessionId, out var revision) ? revision : null;

    public void Forget(Guid sessionId) => _code.TryRemove(sessionId, out _);

    public void NoteNotes(string connectionId, long revision) =>
        _notes.AddOrUpdate(connectionId, revision, (_, known) => Math.Max(known, revision));

    public long? NotesOf(string connectionId) => _notes.TryGetValue(connectionId, out var revision) ? revision : null;

    public void ForgetConnection(string connectionId) => _notes.TryRemove(connectionId, out _);
}
