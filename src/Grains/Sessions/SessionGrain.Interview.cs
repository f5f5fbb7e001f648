using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Sessions;

/// <summary>
/// What makes the pad an interview (docs/protocol.md, "Roles, notes, ending and activity"): an interviewer
/// ends it, and a candidate's browser reports pastes and focus changes, which only interviewers hear of.
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<ErrorPayload?> EndInterview(string connectionId)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        if (!_presence.IsInterviewer(connectionId))
        {
            return SessionErrors.InterviewersOnly(Id, "end the interview");
        }

        var user = _presence.UserOf(connectionId)!;
        if ((Ended ? SessionErrors.Ended(Id) : OverBudget(_budgets.TakeMessage(user.Id, Now), "messages")) is { } refused)
        {
            return refused;
        }

        var ended = new InterviewEnded(user.Id, user.Username, Now);
        await JournalAsync(new JournalEntry(
            Session.JournalSequence + 1, Sequencer.Revision, null, user.Id, string.Empty, 0, EndedAt: ended.At, Username: ended.Username), recorded: null);
        (Session.EndedAt, Session.EndedBy, Session.EndedByName) = (ended.At, ended.UserId, ended.Username);
        await CloseRecordingAsync(RecordedEvents.EndedBy(ended));
        Touch();
        await PublishAsync(ended);
        logger.LogInformation("User {UserId} ended the interview in session {SessionId}", user.Id, Id);
        return null;
    }

    public async Task<ErrorPayload?> ReportActivity(string connectionId, CandidateActivity activity)
    {
        if (CandidateActivityRules.Problem(activity) is { } invalid)
        {
            return invalid;
        }

        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        if (_presence.IsInterviewer(connectionId))
        {
            return SessionErrors.CandidatesOnly(Id, "report pastes and focus changes");
        }

        var user = _presence.UserOf(connectionId)!;
        if (OverBudget(_budgets.TakeMessage(user.Id, Now), "messages") is { } overBudget)
        {
            return overBudget;
        }

        var reported = new ActivityReported(user.Id, user.Username, activity, Now);
        await RecordAsync(RecordedEvents.Activity(reported));
        var interviewers = _presence.InterviewerConnectionIds();
        if (interviewers.Count > 0)
        {
            await Events.OnNextAsync(new SessionEvent(reported, interviewers));
        }

        return null;
    }
}
