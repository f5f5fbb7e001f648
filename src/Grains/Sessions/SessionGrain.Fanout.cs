using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Interview.Grains.Sessions;

/// <summary>
/// Telling everyone (docs/architecture.md, "Two fan-out paths"): text and cursors through each gateway's
/// observer, one-way, so a slow or vanished gateway never holds up the session (its lease lapses instead);
/// every other change on the session's stream, to the connections present when it happened.
/// </summary>
public sealed partial class SessionGrain
{
    public const int MaxSelections = 32;

    private readonly CursorPacing _cursors = new(TimeProvider.System);
    private IGrainTimer? _cursorTimer;
    private IAsyncStream<SessionEvent>? _events;

    private IAsyncStream<SessionEvent> Events =>
        _events ??= this.GetStreamProvider(SessionStreams.Provider).GetStream<SessionEvent>(SessionStreams.For(Id));

    public async Task<ErrorPayload?> MoveCursor(string connectionId, IReadOnlyList<SelectionRange> selections)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        // Offsets are in the sender's text, which may hold typing the session has not seen yet: they are
        // bounded, not checked against this text; receivers clamp them to theirs.
        if (selections.Count > MaxSelections || selections.Any(s => s.Anchor is < 0 or > Limits.MaxCodeBytes || s.Head is < 0 or > Limits.MaxCodeBytes))
        {
            return SessionErrors.InvalidField("selections", $"At most {MaxSelections} selections, each with offsets from 0 to {Limits.MaxCodeBytes}");
        }

        var user = _presence.UserOf(connectionId)!;
        if (OverBudget(_budgets.TakeOperation(user.Id, Now), "edits and cursor moves") is { } overBudget)
        {
            return overBudget;
        }

        var cursor = new CursorUpdate(user.Id, user.Username, user.Color, selections);
        if (_cursors.TryPass(cursor, connectionId))
        {
            TellGateways(new CursorMoved(cursor, connectionId));
        }
        else
        {
            _cursorTimer ??= this.RegisterGrainTimer(
                SendWaitingCursorsAsync, new GrainTimerCreationOptions(CursorPacing.Interval, CursorPacing.Interval) { KeepAlive = false });
        }

        return null;
    }

    public async Task<ErrorPayload?> ShareExecution(string connectionId, ExecutionResult run)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        var user = _presence.UserOf(connectionId)!;
        if (OverBudget(_budgets.TakeMessage(user.Id, Now), "messages") is { } overBudget)
        {
            return overBudget;
        }

        if (_budgets.TakeRun(user.Id, Now) is { } retryAfter)
        {
            return SessionErrors.RateLimited("runs", retryAfter);
        }

        Touch();
        var shared = new RunShared(user.Id, user.Username, run);
        await RecordAsync(RecordedEvents.Run(shared, Sequencer.Revision, Now));
        await PublishAsync(shared, except: connectionId);
        return null;
    }

    private void TellGateways(OperationApplied applied, string? exceptConnectionId)
    {
        if (applied.Update.Document == Documents.Notes)
        {
            // The notes go to the interviewer connections by name, through the gateways that hold one.
            var notes = new TextChange(applied.Update, Now.ToUnixTimeMilliseconds(), null, _presence.InterviewerConnectionIds(exceptConnectionId, otOnly: true));
            foreach (var gateway in _presence.InterviewerGateways)
            {
                gateway.TextChanged(Id, notes, exceptConnectionId).Ignore();
            }

            return;
        }

        var change = new TextChange(applied.Update, Now.ToUnixTimeMilliseconds(), applied.Text);
        foreach (var gateway in _presence.Gateways)
        {
            gateway.TextChanged(Id, change, exceptConnectionId).Ignore();
        }
    }

    private void TellGateways(CursorMoved moved)
    {
        foreach (var gateway in _presence.Gateways)
        {
            gateway.CursorMoved(Id, moved.Cursor, moved.From).Ignore();
        }
    }

    private Task SendWaitingCursorsAsync(CancellationToken cancellationToken)
    {
        foreach (var moved in _cursors.TakeDue())
        {
            TellGateways(moved);
        }

        if (!_cursors.AnyWaiting)
        {
            _cursorTimer?.Dispose();
            _cursorTimer = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>A change on the session's stream, to every connection present but <paramref name="except"/>; nobody there, nothing sent.</summary>
    private Task PublishAsync(SessionChange change, string? except = null)
    {
        var recipients = _presence.ConnectionIds(except);
        return recipients.Count == 0 ? Task.CompletedTask : Events.OnNextAsync(new SessionEvent(change, recipients));
    }

    /// <summary>
    /// A session that was active elsewhere (a silo stopped or died, or it was idle long enough to be
    /// collected) has no listeners here: gateways that still hold its connections hear of it on the
    /// session's stream, whose subscriptions outlive activations, and register their connections again.
    /// Not awaited: the stream's queue may itself be moving off a lost silo, and the session must not
    /// wait for that before it answers anyone. A gateway that misses it re-registers on a refused call
    /// or on its next renewal.
    /// </summary>
    private void AnnounceReactivation() =>
        Events.OnNextAsync(new SessionEvent(new SessionReactivated(), [])).ContinueWith(
            (publish, state) => logger.LogWarning(publish.Exception, "Announcing session {SessionId}'s new activation failed", state),
            Id,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Ignore();
}
