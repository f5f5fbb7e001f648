namespace Interview.Grains.Sessions;

/// <summary>
/// One per gateway: the keystroke path's way back out of the grain. The gateway relays to the
/// session's SignalR group (DESIGN.md section 3: observers for edits, streams for session events).
/// </summary>
public interface ISessionObserver : IGrainObserver
{
    [OneWay]
    Task CodeUpdated(Guid sessionId, CodeUpdate update, string? exceptConnectionId);
}
