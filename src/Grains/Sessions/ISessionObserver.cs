namespace Interview.Grains.Sessions;

/// <summary>
/// One per gateway: the keystroke path's way back out of the grain. The gateway relays to the session's
/// connections (docs/architecture.md, "Two fan-out paths": observers for edits and cursors, the stream for session events).
/// </summary>
public interface ISessionObserver : IGrainObserver
{
    [OneWay]
    Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId);

    [OneWay]
    Task CursorMoved(Guid sessionId, CursorUpdate cursor, string exceptConnectionId);
}
