namespace Interview.Grains.Sessions;

/// <summary>
/// One per gateway: the keystroke path's way back out of the grain. The gateway relays to the session's
/// SignalR groups (DESIGN.md section 3: observers for edits and cursors, streams for session events).
/// </summary>
public interface ISessionObserver : IGrainObserver
{
    [OneWay]
    Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId);

    [OneWay]
    Task CursorMoved(Guid sessionId, CursorUpdate cursor, string exceptConnectionId);
}
