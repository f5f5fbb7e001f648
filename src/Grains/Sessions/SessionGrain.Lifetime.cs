using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Sessions;

/// <summary>
/// The session's lifetime as the grain runs it (docs/architecture.md, "Session lifecycle"): the
/// maintenance timer (budgets pruned, lapsed gateways, warnings, expiry, coalesced writes), the
/// registry's expiry checks, and the writes themselves.
/// </summary>
public sealed partial class SessionGrain
{
    private IGrainTimer? _maintenance;

    public async Task CheckExpiry()
    {
        if (!Session.Created || Session.Expired)
        {
            await Registry.Forget(Id);
            DeactivateOnIdle();
        }
        else if (Now >= Deadline)
        {
            await ExpireAsync();
        }
        else
        {
            await Registry.Track(Id, Deadline);
        }
    }

    private void Touch()
    {
        _lifetime.Touch();
        _dirty = true;
    }

    private void StartMaintenance() =>
        _maintenance = this.RegisterGrainTimer(
            MaintainAsync,
            new GrainTimerCreationOptions(_options.MaintenanceInterval, _options.MaintenanceInterval) { KeepAlive = false });

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        _budgets.Prune(Now);
        var lapsed = _presence.RemoveLapsedGateways(_options.GatewayLease);
        if (lapsed.Count > 0)
        {
            await AnnounceLeftAsync(lapsed);
        }

        if (Now >= Deadline)
        {
            await ExpireAsync();
            return;
        }

        // session-expiring to everyone present: the end of an interview must never come as a surprise.
        if (_lifetime.WarningDue() is { } warning)
        {
            await PublishAsync(warning);
        }

        if (_dirty)
        {
            await WriteAsync();
        }
    }

    private async Task ExpireAsync()
    {
        var recipients = _presence.ConnectionIds();
        _presence.Clear();
        _maintenance?.Dispose();
        Session.Expired = true;
        Sequencer.DiscardText(); // an expired interview's code is not kept, nor its notes
        Texts.Notes.DiscardText();
        await WriteAsync();
        await journal.DeleteAsync(Id);
        await CloseRecordingAsync(RecordedEvents.Expired(Now));
        if (recipients.Count > 0)
        {
            await Events.OnNextAsync(new SessionEvent(new SessionExpired(), recipients));
        }

        await Registry.Forget(Id);
        DeactivateOnIdle();
        logger.LogInformation("Session {SessionId} expired", Id);
    }

    private async Task WriteAsync()
    {
        _dirty = false;
        Session.Code = Sequencer.Text;
        Session.Revision = Sequencer.Revision;
        Session.LastActivity = _lifetime.LastActivity;
        Session.Clients = Sequencer.History.Clients();
        Session.Notes = Texts.Notes.Text;
        Session.NotesRevision = Texts.Notes.Revision;
        Session.NotesClients = Texts.Notes.History.Clients();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _dirty = true; // the next maintenance tick tries again
            logger.LogWarning(exception, "Writing session {SessionId} failed", Id);
            throw;
        }

        try
        {
            // The entries up to this state are kept as history only: rejoining clients catch up from it.
            // Both documents' histories come from the one journal: room for each to be full.
            await journal.TrimAsync(Id, 2 * OperationHistory.DefaultMaxCount);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Trimming session {SessionId}'s journal failed; the next write trims it", Id);
        }
    }
}
