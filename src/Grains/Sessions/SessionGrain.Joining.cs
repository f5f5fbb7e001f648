using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Sessions;

/// <summary>Joins, leaves and gateway renewals: presence decides, the grain tells (docs/protocol.md, "Joining").</summary>
public sealed partial class SessionGrain
{
    public async Task<JoinResult> Join(JoinRequest request)
    {
        if (await RefusalAsync() is { } refusal)
        {
            return new JoinResult(null, refusal);
        }

        // Any key but the session's, whatever is wrong with it, gets the same answer and joins nothing.
        var interviewer = request.InterviewerKeyHash is not null;
        if (interviewer && !InterviewerKeys.Match(Session.InterviewerKeyHash, request.InterviewerKeyHash))
        {
            logger.LogWarning("Session {SessionId} refused a join with a wrong interviewer key", Id);
            return new JoinResult(null, SessionErrors.WrongInterviewerKey(Id));
        }

        var status = _presence.Check(request.ConnectionId, request.UserId, request.UserToken, request.Reregistration);
        if (status == AdmissionStatus.WrongToken)
        {
            logger.LogWarning("Session {SessionId} refused a join as present user {UserId}: no or another userToken", Id, request.UserId);
            return new JoinResult(null, SessionErrors.Forbidden(Id));
        }

        if (status == AdmissionStatus.Full)
        {
            return new JoinResult(null, SessionErrors.Full(Id, limits.Value.ParticipantsPerSession));
        }

        // Counted before the connection is let in: a join refused here must change nothing. Let in first,
        // the refused tab stayed in the session while its gateway forgot it, listed after it had gone.
        if (!request.Reregistration && OverBudget(_budgets.TakeMessage(request.UserId, Now), "messages") is { } overBudget)
        {
            return new JoinResult(null, overBudget);
        }

        var wasEmpty = _presence.IsEmpty;
        var roles = RolesNow();
        var admission = _presence.Add(
            request.ConnectionId, request.UserId, request.Username, request.Gateway, request.Ot, request.UserToken, request.Reregistration, interviewer);
        var user = admission.User!;
        Touch();
        if (admission.Left is { } previous)
        {
            await AnnounceLeftAsync([previous]); // the connection was someone else in this session until now
        }

        if (admission.IsNewUser && !request.Reregistration)
        {
            var joined = new ParticipantJoined(user.Id, user.Username, _presence.UserCount, user.Color, user.Role);
            await RecordAsync(RecordedEvents.Joined(joined, Now));
            await PublishAsync(joined, except: request.ConnectionId);
            logger.LogInformation("User {UserId} joined session {SessionId}", user.Id, Id);
        }

        if (!request.Reregistration)
        {
            await AnnounceRoleChangesAsync(roles, except: request.ConnectionId);
        }

        if (wasEmpty)
        {
            await Registry.Track(Id, Deadline);
        }

        return new JoinResult(Joined(request, user));
    }

    public async Task Leave(string connectionId)
    {
        var roles = RolesNow();
        if (_presence.Remove(connectionId) is { } user)
        {
            await AnnounceLeftAsync([user]);
        }

        await AnnounceRoleChangesAsync(roles, except: null);
    }

    private Dictionary<string, string> RolesNow() => _presence.Snapshot().ToDictionary(user => user.Id, user => user.Role, StringComparer.Ordinal);

    /// <summary>user-updated for each user still here whose role is not what it was (docs/protocol.md, "Roles, notes, ending and activity").</summary>
    private async Task AnnounceRoleChangesAsync(Dictionary<string, string> before, string? except)
    {
        foreach (var user in _presence.Snapshot())
        {
            if (before.TryGetValue(user.Id, out var was) && was != user.Role)
            {
                var updated = new ParticipantUpdated(user.Id, user.Username, user.Color, user.Role);
                await RecordAsync(RecordedEvents.RoleChanged(updated, Now));
                await PublishAsync(updated, except);
            }
        }
    }

    public Task<bool> RenewGateway(ISessionObserver gateway, int connections) => Task.FromResult(_presence.Renew(gateway, connections));

    /// <summary>
    /// session-joined: the text, who is here, and for a rejoining "ot" tab what it missed and which of its
    /// operations were applied; the same of the notes for an interviewer only.
    /// </summary>
    private SessionJoined Joined(JoinRequest request, Participant user)
    {
        var catchUp = request.Ot && request.Revision is { } seen ? Sequencer.Since(seen) : null;
        var clientId = request.Ot ? request.ClientId : null;
        var joined = new SessionJoined(
            Id.ToString("D"), Sequencer.Text, Session.Language, _presence.Snapshot(), _presence.UserCount, Sequencer.Revision, catchUp,
            _lifetime.ExpiresAt,
            clientId is null ? null : Sequencer.History.LastSeqOf(clientId),
            user.Token,
            EndedAt: Session.EndedAt,
            Input: Session.Input);
        if (!_presence.IsInterviewer(request.ConnectionId))
        {
            return joined;
        }

        var notes = Texts.Notes;
        return joined with
        {
            Role = Roles.Interviewer,
            Notes = new NotesText(notes.Text, notes.Revision),
            NotesOperations = request.Ot && request.NotesRevision is { } notesSeen ? notes.Since(notesSeen) : null,
            NotesLastSeq = clientId is null ? null : notes.History.LastSeqOf(clientId),
        };
    }

    private async Task AnnounceLeftAsync(IReadOnlyList<Participant> users)
    {
        foreach (var user in users)
        {
            _cursors.Forget(user.Id);
            await RecordAsync(RecordedEvents.Left(user, Now));
            await PublishAsync(new ParticipantLeft(user.Id, _presence.UserCount));
            logger.LogInformation("User {UserId} left session {SessionId}", user.Id, Id);
        }

        if (Session.Created && !Session.Expired)
        {
            Touch();
            if (_presence.IsEmpty)
            {
                await Registry.Track(Id, Deadline);
            }
        }
    }
}
