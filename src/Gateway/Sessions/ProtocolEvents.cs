using Interview.Grains.Sessions.Core;

namespace Interview.Gateway.Sessions;

/// <summary>
/// A session change as the browser's protocol tells it: the hub event's name and its payload
/// (docs/protocol.md, "Joining", "Runs", "Session lifetime"). The session says what happened; the names
/// and shapes of the wire are the gateway's.
/// </summary>
public static class ProtocolEvents
{
    public static (string Name, object Payload) For(Guid sessionId, SessionChange change) => change switch
    {
        ParticipantJoined joined => (HubEvents.UserJoined, new UserJoined(joined.UserId, joined.Username, joined.UserCount, joined.Color, joined.Role)),
        ParticipantUpdated updated => (HubEvents.UserUpdated, new UserUpdated(updated.UserId, updated.Username, updated.Color, updated.Role)),
        InterviewEnded ended => (HubEvents.SessionEnded, new InterviewEndedUpdate(ended.UserId, ended.Username, ended.At)),
        ActivityReported report => (HubEvents.ActivityUpdate, new ActivityUpdate(
            report.UserId, report.Username, report.Activity.Kind, report.At, report.Activity.Chars, report.Activity.Lines, report.Activity.AwayMs)),
        ParticipantLeft left => (HubEvents.UserLeft, new UserLeft(left.UserId, left.UserCount)),
        LanguageChanged language => (HubEvents.LanguageUpdate, new LanguageUpdate(language.Language, language.UserId)),
        InputChanged input => (HubEvents.InputUpdate, new InputUpdate(input.Input, input.UserId, input.Username)),
        RunShared run => (HubEvents.ExecutionResult, ExecutionResultUpdate.Of(sessionId.ToString("D"), run.UserId, run.Username, run.Run)),
        SessionExpiringSoon expiring => (HubEvents.SessionExpiring, new SessionExpiring(sessionId.ToString("D"), expiring.ExpiresAt, expiring.MinutesLeft)),
        SessionExpired => (HubEvents.Error, SessionErrors.Expired(sessionId)),
        _ => throw new ArgumentException($"{change.GetType().Name} is not told to browsers as a session event", nameof(change)),
    };
}
