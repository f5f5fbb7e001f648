using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Registry;
using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Interview.Grains.Sessions;

/// <summary>
/// The session, as an Orleans grain: an adapter around the session core (Core/: the sequencer, presence,
/// lifetime, budgets), which decides; this turns the core's changes into journal appends, storage writes,
/// observer calls and stream events, and holds activation, timers and recovery (docs/architecture.md,
/// "The session core"). Edits and cursors fan out through the gateways' observers, session events
/// through the session's stream ("Two fan-out paths"). State is written coalesced: at once on create and
/// expiry, otherwise by the maintenance timer and on deactivation, so a burst of keystrokes costs one
/// storage write a second. Every change is journaled before anyone hears of it, and replayed by the next
/// activation ("Durability and failover"): journaling, not clients re-sending what the cluster lost,
/// because only the journal also keeps the edits of users who have left, of full-text clients (which
/// keep no operations to re-send) and language changes. By concern: SessionGrain.Joining (joins, leaves,
/// renewals), .Editing (operations, code, language), .Fanout (observers, stream, cursors, runs),
/// .Lifetime (maintenance, expiry, writes) and .Recovery (the journal), .Recording (the
/// recording) and .Interview (ending, activity).
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed partial class SessionGrain(
    [PersistentState("session", SessionGrain.Storage)] IPersistentState<SessionState> state,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    IOptions<SessionLifetimeOptions> options,
    IOptions<RateLimitOptions> limits,
    ISessionJournal journal,
    ISessionRecordings recordings,
    IOptions<RecordingOptions> recordingOptions,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    public const string Storage = "sessions";

    // Gateway leases run on the machine's clock, not the session clock: they are about transport
    // liveness, and a test moving session time by hours must not evict live gateways.
    private readonly Presence<ISessionObserver> _presence = new(TimeProvider.System, limits.Value.ParticipantsPerSession, GatewayIdentity.Instance);
    private readonly SessionLifetime _lifetime = new(clock, options.Value);
    private readonly SessionBudgets _budgets = new(limits.Value);
    private readonly SessionLifetimeOptions _options = options.Value;
    private SessionTexts? _texts;
    private bool _dirty;

    private Guid Id => this.GetPrimaryKey();
    private SessionState Session => state.State;
    private DateTimeOffset Now => clock.GetUtcNow();
    private ISessionRegistryGrain Registry => SessionRegistry.Get(GrainFactory);

    /// <summary>The code and the notes, each with its revision and history, from the stored state on first use.</summary>
    private SessionTexts Texts => _texts ??= Restore();

    /// <summary>The code: what everyone edits.</summary>
    private Sequencer Sequencer => Texts.Code;

    /// <summary>Whether an interviewer ended the interview: the code and the language are final.</summary>
    private bool Ended => Session.EndedAt is not null;

    private DateTimeOffset Deadline => _lifetime.Deadline(_presence.IsEmpty);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Session.Created || Session.Expired)
        {
            return;
        }

        _lifetime.Start(Session.CreatedAt, Session.LastActivity);
        try
        {
            await RecoverAsync();
        }
        catch (Exception exception)
        {
            // The caller gets the failure (a gateway retries it, REST answers 503); the log says why.
            logger.LogError(exception, "Session {SessionId} could not be activated: reading its journal failed", Id);
            throw;
        }

        StartMaintenance();
        logger.LogInformation("Session {SessionId} activated at revision {Revision}", Id, Sequencer.Revision);
        AnnounceReactivation();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Already logged by WriteAsync; deactivation goes on regardless.
            }
        }
    }

    public async Task<SessionDetails> Create(string language, byte[] interviewerKeyHash)
    {
        if (!Languages.IsKnown(language))
        {
            throw new ArgumentException($"Unknown language '{language}'", nameof(language));
        }

        if (Session.Created)
        {
            throw new InvalidOperationException($"Session {Id} already exists");
        }

        var now = Now;
        state.State = new SessionState
        {
            Created = true,
            Language = language,
            Code = Languages.Template(language),
            CreatedAt = now,
            LastActivity = now,
            InterviewerKeyHash = interviewerKeyHash,
        };
        _texts = null;
        _lifetime.Start(now, now);
        await StartRecordingAsync(state.State);
        await state.WriteStateAsync();
        await Registry.Track(Id, Deadline);
        StartMaintenance();
        logger.LogInformation("Session {SessionId} created ({Language})", Id, language);
        return Details();
    }

    public async Task<SessionLookup> Describe()
    {
        var status = await StatusAsync();
        return status == SessionStatus.Active ? new SessionLookup(status, Details()) : new SessionLookup(status);
    }

    private SessionTexts Restore()
    {
        var code = new OperationHistory();
        code.RestoreClients(Session.Clients);
        var notes = new OperationHistory();
        notes.RestoreClients(Session.NotesClients);
        return new SessionTexts(new Sequencer(Session.Code, Session.Revision, code), new Sequencer(Session.Notes, Session.NotesRevision, notes, Documents.Notes));
    }

    private async Task<SessionStatus> StatusAsync()
    {
        if (!Session.Created || Session.Expired)
        {
            DeactivateOnIdle();
            return Session.Created ? SessionStatus.Expired : SessionStatus.NotFound;
        }

        if (Now >= Deadline)
        {
            await ExpireAsync();
            return SessionStatus.Expired;
        }

        return SessionStatus.Active;
    }

    private async Task<ErrorPayload?> RefusalAsync() => await StatusAsync() switch
    {
        SessionStatus.NotFound => SessionErrors.NotFound(Id),
        SessionStatus.Expired => SessionErrors.Expired(Id),
        _ => null,
    };

    private async Task<ErrorPayload?> MemberRefusalAsync(string connectionId) =>
        await RefusalAsync() ?? (_presence.UserOf(connectionId) is null ? SessionErrors.NotJoined(Id) : null);

    private SessionDetails Details() =>
        new(Id.ToString("D"), _lifetime.CreatedAt, _lifetime.LastActivity, Session.Language, _presence.UserCount, EndedAt: Session.EndedAt);
}
