using Interview.Grains.Journal;
using Interview.Grains.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Interview.Grains.Sessions;

/// <summary>
/// The session: its text, language and participants. Edits fan out through the gateways' observers,
/// session events (joins, leaves, language, expiry) through the session's stream (DESIGN.md section 3).
/// State is written coalesced: at once on create and expiry, otherwise by the maintenance timer and on
/// deactivation, so a burst of keystrokes costs one storage write a second. Every change is journaled
/// before anyone hears of it, and replayed by the next activation (DESIGN.md section 5): journaling,
/// not clients re-sending what the cluster lost, because only the journal also keeps the edits of users
/// who have left, of SPEC.md-style clients (which keep no operations to re-send) and language changes.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class SessionGrain(
    [PersistentState("session", SessionGrain.Storage)] IPersistentState<SessionState> state,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    IOptions<SessionLifetimeOptions> options,
    IOptions<RateLimitOptions> limits,
    ISessionJournal journal,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    public const string Storage = "sessions";
    public const int MaxSelections = 32;

    /// <summary>Component steps a submission's transforms may take (about 10 ms); beyond, RESYNC_REQUIRED.</summary>
    public const long MaxTransformWork = 200_000;

    /// <summary>Everyone present is told this many minutes before the maximum duration ends the session.</summary>
    public static readonly IReadOnlyList<int> ExpiryWarnings = [10, 1];

    // Gateway leases run on the machine's clock, not the session clock: they are about transport
    // liveness, and a test moving session time by hours must not evict live gateways.
    private readonly ParticipantList _participants = new(TimeProvider.System, limits.Value.ParticipantsPerSession);
    private readonly RateLimitOptions _limits = limits.Value;
    private readonly SessionLifetimeOptions _options = options.Value;
    private readonly OperationHistory _history = new();
    private readonly RateWindow _runs = new(limits.Value.ExecutionsPerMinute, RateLimitOptions.Minute);

    // The per-connection budgets again, per user: a user's tabs share one budget, wherever they connect.
    private readonly RateWindow _userMessages = new(limits.Value.MessagesPerMinute, RateLimitOptions.Minute);
    private readonly RateWindow _userOperations = new(limits.Value.OperationsPerMinute, RateLimitOptions.Minute);
    private readonly CursorPacing _cursors = new(TimeProvider.System);
    private IGrainTimer? _cursorTimer;
    private IAsyncStream<SessionEvent>? _events;
    private TextDocument? _document;
    private bool _codeStale; // the document has changed since Session.Code was last brought up to date
    private IGrainTimer? _maintenance;
    private bool _dirty;
    private int _warnedMinutesLeft = int.MaxValue; // the last session-expiring sent, in minutes left

    private Guid Id => this.GetPrimaryKey();
    private SessionState Session => state.State;
    private DateTimeOffset Now => clock.GetUtcNow();
    private ISessionRegistryGrain Registry => SessionRegistry.Get(GrainFactory);
    /// <summary>
    /// The text as operations change it: in place, so a keystroke costs the same in a 50 KB document as
    /// in a 1 KB one. Session.Code follows it only when read (a join, a full-text change, a state write).
    /// </summary>
    private TextDocument Document => _document ??= new TextDocument(Session.Code);

    private IAsyncStream<SessionEvent> Events =>
        _events ??= this.GetStreamProvider(SessionStreams.Provider).GetStream<SessionEvent>(SessionStreams.For(Id));

    /// <summary>
    /// An occupied session only ends at its maximum duration; an empty one also after SESSION_TIMEOUT
    /// without activity. Presence counts as activity: an interview where people talk and nobody types
    /// for half an hour must not vanish under them.
    /// </summary>
    private DateTimeOffset Deadline
    {
        get
        {
            var hardDeadline = Session.CreatedAt + _options.MaxSessionDuration;
            var idleDeadline = Session.LastActivity + _options.SessionTimeout;
            return _participants.IsEmpty && idleDeadline < hardDeadline ? idleDeadline : hardDeadline;
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Session.Created || Session.Expired)
        {
            return;
        }

        _history.RestoreClients(Session.Clients);
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
        logger.LogInformation("Session {SessionId} activated at revision {Revision}", Id, Session.Revision);

        // A session that was active elsewhere (a silo stopped or died, or it was idle long enough to be
        // collected) has no listeners here: gateways that still hold its connections hear of it on the
        // session's stream, whose subscriptions outlive activations, and register their connections again.
        // Not awaited: the stream's queue may itself be moving off a lost silo, and the session must not
        // wait for that before it answers anyone. A gateway that misses it re-registers on a refused call
        // or on its next renewal.
        Events.OnNextAsync(new SessionEvent(SessionEvent.Reactivated, Id.ToString("D"), [])).ContinueWith(
            (publish, state) => logger.LogWarning(publish.Exception, "Announcing session {SessionId}'s new activation failed", state),
            Id,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Ignore();
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

    public async Task<SessionDetails> Create(string language)
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
        };
        (_document, _codeStale) = (null, false);
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

    public async Task<JoinResult> Join(JoinRequest request)
    {
        if (await RefusalAsync() is { } refusal)
        {
            return new JoinResult(null, refusal);
        }

        var status = _participants.Check(request.ConnectionId, request.UserId, request.UserToken, request.Reregistration);
        if (status == AdmissionStatus.WrongToken)
        {
            logger.LogWarning("Session {SessionId} refused a join as present user {UserId}: no or another userToken", Id, request.UserId);
            return new JoinResult(null, SessionErrors.Forbidden(Id));
        }

        if (status == AdmissionStatus.Full)
        {
            return new JoinResult(null, SessionErrors.Full(Id, _limits.ParticipantsPerSession));
        }

        // Counted before the connection is let in: a join refused here must change nothing. Let in first,
        // the refused tab stayed in the session while its gateway forgot it, listed after it had gone.
        if (!request.Reregistration && OverBudget(_userMessages, request.UserId, "messages") is { } overBudget)
        {
            return new JoinResult(null, overBudget);
        }

        var wasEmpty = _participants.IsEmpty;
        var admission = _participants.Add(
            request.ConnectionId, request.UserId, request.Username, request.Gateway, request.Ot, request.UserToken, request.Reregistration);
        var user = admission.User!;
        Touch();
        if (admission.Left is { } previous)
        {
            await AnnounceLeftAsync([previous]); // the connection was someone else in this session until now
        }

        if (admission.IsNewUser && !request.Reregistration)
        {
            var joined = new UserJoined(user.Id, user.Username, _participants.UserCount, user.Color);
            await PublishAsync(HubEvents.UserJoined, joined, except: request.ConnectionId);
            logger.LogInformation("User {UserId} joined session {SessionId}", user.Id, Id);
        }

        if (wasEmpty)
        {
            await Registry.Track(Id, Deadline);
        }

        var catchUp = request.Ot && request.Revision is { } seen ? _history.Since(seen, Session.Revision) : null;
        var snapshot = new SessionJoined(
            Id.ToString("D"), CurrentCode(), Session.Language, _participants.Snapshot(), _participants.UserCount, Session.Revision, catchUp,
            Session.CreatedAt + _options.MaxSessionDuration,
            request.Ot && request.ClientId is { } clientId ? _history.LastSeqOf(clientId) : null,
            user.Token);
        return new JoinResult(snapshot);
    }

    public async Task Leave(string connectionId)
    {
        if (_participants.Remove(connectionId) is not { } user)
        {
            return;
        }

        await AnnounceLeftAsync([user]);
    }

    public async Task<ErrorPayload?> ChangeCode(string connectionId, string code)
    {
        if (!Limits.CodeFits(code))
        {
            return SessionErrors.InvalidField("code", $"Code exceeds the {Limits.MaxCodeBytes / 1024} KB limit");
        }

        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        var userId = _participants.UserOf(connectionId)!.Id;
        if (OverBudget(_userMessages, userId, "messages") is { } overBudget)
        {
            return overBudget;
        }

        Touch();
        if (code != CurrentCode())
        {
            await SetCodeAsync(code, userId, exceptConnectionId: connectionId);
        }

        return null;
    }

    public async Task<ErrorPayload?> ChangeLanguage(string connectionId, string language)
    {
        if (!Languages.IsKnown(language))
        {
            return SessionErrors.InvalidField("language", $"Unknown language '{language}'; use javascript or python");
        }

        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        var userId = _participants.UserOf(connectionId)!.Id;
        if (OverBudget(_userMessages, userId, "messages") is { } overBudget)
        {
            return overBudget;
        }

        Touch();
        if (language == Session.Language)
        {
            return null;
        }

        var previous = Session.Language;
        await JournalAsync(new JournalEntry(Session.JournalSequence + 1, Session.Revision, null, userId, string.Empty, 0, language));
        Session.Language = language;
        await PublishAsync(HubEvents.LanguageUpdate, new LanguageUpdate(language, userId));

        // Never destroy edited code; an untouched template follows the language, as an edit everyone receives.
        if (CurrentCode() == Languages.Template(previous))
        {
            await SetCodeAsync(Languages.Template(language), userId, exceptConnectionId: null);
        }

        return null;
    }

    public async Task<SubmitOutcome> SubmitOperation(string connectionId, Submission submission)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return new SubmitOutcome(null, refusal);
        }

        var userId = _participants.UserOf(connectionId)!.Id;
        if (OverBudget(_userOperations, userId, "edits and cursor moves") is { } overBudget)
        {
            return new SubmitOutcome(null, overBudget);
        }

        var check = _history.Check(submission.ClientId, submission.Seq, userId);
        if (check.Status == SubmissionStatus.Foreign)
        {
            return new SubmitOutcome(null, SessionErrors.InvalidField("clientId", "This clientId is another participant's tab; use your own"));
        }

        if (check.Status == SubmissionStatus.Applied)
        {
            return new SubmitOutcome(check.Revision); // a resend: the same answer, nothing applied twice
        }

        if (check.Status == SubmissionStatus.Stale || _history.Since(submission.Revision, Session.Revision) is not { } concurrent)
        {
            return new SubmitOutcome(null, SessionErrors.ResyncRequired(Id));
        }

        // Transforming walks the submission once per operation it crosses: 20,001 components made against
        // a revision a thousand operations old would cost a second of CPU, every time it is sent. Past
        // this budget the tab is asked to resync (its rejoin brings it to the head, where it crosses
        // nothing); nothing is used up.
        if (TransformWork(submission.Operation, concurrent) > MaxTransformWork)
        {
            return new SubmitOutcome(null, SessionErrors.ResyncRequired(Id));
        }

        long bytes;
        var operation = submission.Operation;
        try
        {
            foreach (var earlier in concurrent)
            {
                operation = TextOperation.Transform(operation, earlier.Operation).APrime;
            }

            bytes = Document.Utf8BytesAfter(operation);
        }
        catch (TextOperationException exception)
        {
            return new SubmitOutcome(null, SessionErrors.InvalidField("operation", exception.Message));
        }

        if (bytes > Limits.MaxCodeBytes)
        {
            return new SubmitOutcome(null, SessionErrors.InvalidField("operation", $"The code would exceed the {Limits.MaxCodeBytes / 1024} KB limit"));
        }

        Touch();
        await CommitAsync(operation, userId, submission.ClientId, submission.Seq, connectionId);
        return new SubmitOutcome(Session.Revision);
    }

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

        var user = _participants.UserOf(connectionId)!;
        if (OverBudget(_userOperations, user.Id, "edits and cursor moves") is { } overBudget)
        {
            return overBudget;
        }

        var cursor = new CursorUpdate(user.Id, user.Username, user.Color, selections);
        if (_cursors.TryPass(cursor, connectionId))
        {
            SendCursor(cursor, connectionId);
        }
        else
        {
            _cursorTimer ??= this.RegisterGrainTimer(
                SendWaitingCursorsAsync, new GrainTimerCreationOptions(CursorPacing.Interval, CursorPacing.Interval) { KeepAlive = false });
        }

        return null;
    }

    private Task SendWaitingCursorsAsync(CancellationToken cancellationToken)
    {
        foreach (var (cursor, from) in _cursors.TakeDue())
        {
            SendCursor(cursor, from);
        }

        if (!_cursors.AnyWaiting)
        {
            _cursorTimer?.Dispose();
            _cursorTimer = null;
        }

        return Task.CompletedTask;
    }

    private void SendCursor(CursorUpdate cursor, string fromConnection)
    {
        foreach (var gateway in _participants.Gateways)
        {
            gateway.CursorMoved(Id, cursor, fromConnection).Ignore();
        }
    }

    public async Task<ErrorPayload?> ShareExecution(string connectionId, ExecutionResult run)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return refusal;
        }

        var user = _participants.UserOf(connectionId)!;
        if (OverBudget(_userMessages, user.Id, "messages") is { } overBudget)
        {
            return overBudget;
        }

        if (!_runs.TryTake(user.Id, Now, out var retryAfter))
        {
            return SessionErrors.RateLimited("runs", retryAfter);
        }

        Touch();
        await PublishAsync(HubEvents.ExecutionResult, ExecutionResultUpdate.Of(Id.ToString("D"), user.Id, user.Username, run), except: connectionId);
        return null;
    }

    public Task<bool> RenewGateway(ISessionObserver gateway) => Task.FromResult(_participants.Renew(gateway));

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

    /// <summary>A full-text change (SPEC.md's code-change, a template swap) becomes an operation at the head revision.</summary>
    private Task SetCodeAsync(string code, string userId, string? exceptConnectionId)
    {
        var current = CurrentCode();
        return CommitAsync(TextEdit.Between(current, code).ToOperation(current.Length), userId, string.Empty, 0, exceptConnectionId);
    }

    /// <summary>
    /// Every text change ends here: checked against the text, journaled, then one total order, the history,
    /// and the gateways told. Only an operation that fits the text is journaled (a journal entry that does
    /// not apply would poison every later activation); once journaled, applying it cannot fail.
    /// </summary>
    private async Task CommitAsync(TextOperation operation, string userId, string clientId, long seq, string? exceptConnectionId)
    {
        _ = Document.Utf8BytesAfter(operation); // throws, before anything changes, for one that does not fit
        var update = new OperationUpdate(Session.Revision + 1, operation, userId, clientId, seq);
        await JournalAsync(new JournalEntry(Session.JournalSequence + 1, update.Revision, operation, userId, clientId, seq));
        Document.Apply(operation);
        _codeStale = true;
        Session.Revision = update.Revision;
        _dirty = true;
        _history.Add(update);
        var change = new TextChange(update, Now.ToUnixTimeMilliseconds(), _participants.HasFullTextClients ? CurrentCode() : null);
        foreach (var gateway in _participants.Gateways)
        {
            // One-way: a slow or vanished gateway never holds up the session; its lease lapses instead.
            gateway.TextChanged(Id, change, exceptConnectionId).Ignore();
        }
    }

    private Task PublishAsync(string name, object payload, string? except = null)
    {
        var recipients = _participants.ConnectionIds(except);
        return recipients.Count == 0 ? Task.CompletedTask : Events.OnNextAsync(new SessionEvent(name, payload, recipients));
    }

    private void Touch()
    {
        Session.LastActivity = Now;
        _dirty = true;
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

    /// <summary>Counts one against the user's budget; the refusal to answer when it is spent.</summary>
    private ErrorPayload? OverBudget(RateWindow budget, string userId, string what) =>
        budget.TryTake(userId, Now, out var retryAfter) ? null : SessionErrors.RateLimited($"{what} from your tabs together", retryAfter, perUser: true);

    private async Task<ErrorPayload?> MemberRefusalAsync(string connectionId) =>
        await RefusalAsync() ?? (_participants.UserOf(connectionId) is null ? SessionErrors.NotJoined(Id) : null);

    private async Task AnnounceLeftAsync(IReadOnlyList<Participant> users)
    {
        foreach (var user in users)
        {
            _cursors.Forget(user.Id);
            await PublishAsync(HubEvents.UserLeft, new UserLeft(user.Id, _participants.UserCount));
            logger.LogInformation("User {UserId} left session {SessionId}", user.Id, Id);
        }

        if (Session.Created && !Session.Expired)
        {
            Touch();
            if (_participants.IsEmpty)
            {
                await Registry.Track(Id, Deadline);
            }
        }
    }

    private async Task ExpireAsync()
    {
        var recipients = _participants.ConnectionIds();
        _participants.Clear();
        _maintenance?.Dispose();
        Session.Expired = true;
        Session.Code = string.Empty; // an ended interview's code is not kept
        (_document, _codeStale) = (null, false);
        await WriteAsync();
        await journal.DeleteAsync(Id);
        if (recipients.Count > 0)
        {
            await Events.OnNextAsync(new SessionEvent(HubEvents.Error, SessionErrors.Expired(Id), recipients, EndsSession: true));
        }

        await Registry.Forget(Id);
        DeactivateOnIdle();
        logger.LogInformation("Session {SessionId} expired", Id);
    }

    private void StartMaintenance() =>
        _maintenance = this.RegisterGrainTimer(
            MaintainAsync,
            new GrainTimerCreationOptions(_options.MaintenanceInterval, _options.MaintenanceInterval) { KeepAlive = false });

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        _runs.Prune(Now);
        _userMessages.Prune(Now);
        _userOperations.Prune(Now);
        var lapsed = _participants.RemoveLapsedGateways(_options.GatewayLease);
        if (lapsed.Count > 0)
        {
            await AnnounceLeftAsync(lapsed);
        }

        if (Now >= Deadline)
        {
            await ExpireAsync();
            return;
        }

        await WarnOfExpiryAsync();
        if (_dirty)
        {
            await WriteAsync();
        }
    }

    /// <summary>
    /// session-expiring to everyone present, ten and one minutes before the maximum duration: the end of
    /// an interview must never come as a surprise. Kept in memory only: a new activation may tell once more.
    /// </summary>
    private async Task WarnOfExpiryAsync()
    {
        var expiresAt = Session.CreatedAt + _options.MaxSessionDuration;
        var due = ExpiryWarnings.Where(minutes => minutes < _warnedMinutesLeft && expiresAt - Now <= TimeSpan.FromMinutes(minutes)).ToList();
        if (due.Count == 0)
        {
            return;
        }

        _warnedMinutesLeft = due.Min();
        var minutesLeft = (int)Math.Ceiling(Math.Max(0, (expiresAt - Now).TotalMinutes));
        await PublishAsync(HubEvents.SessionExpiring, new SessionExpiring(Id.ToString("D"), expiresAt, minutesLeft));
    }

    private async Task WriteAsync()
    {
        _dirty = false;
        CurrentCode();
        Session.Clients = _history.Clients();
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
            await journal.TrimAsync(Id, OperationHistory.DefaultMaxCount);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Trimming session {SessionId}'s journal failed; the next write trims it", Id);
        }
    }

    /// <summary>
    /// Appends a change before it takes effect. If the append fails, nobody can know whether Redis kept
    /// it, or another activation of this session journaled first (JournalConflictException): either way
    /// this activation ends, and the next one replays whatever the journal holds, so the text never
    /// differs from the journal. The caller gets a transient error (an OrleansException, which gateways
    /// retry) and the retry, under the same (clientId, seq), reaches the next activation.
    /// </summary>
    private async Task JournalAsync(JournalEntry entry)
    {
        try
        {
            await journal.AppendAsync(Id, entry);
            Session.JournalSequence = entry.Sequence;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Journaling a change of session {SessionId} failed; this activation ends", Id);
            DeactivateOnIdle();
            throw new OrleansException($"Session {Id} could not journal a change ({exception.GetType().Name}); call again");
        }
    }

    /// <summary>
    /// Replays what the journal holds beyond the stored state, and refills the history from it. An entry
    /// that does not apply stops the replay (everything after it was made on top of it), is logged with
    /// why, and the session goes on from the text before it: refused at write, this only meets entries of
    /// an older version or a changed store, and it must never make the session unloadable.
    /// </summary>
    private async Task RecoverAsync()
    {
        var stored = Session.JournalSequence;
        var entries = await journal.ReadAsync(Id);
        var (replayed, last) = (0, stored);
        string? stop = null;
        var kept = new List<OperationUpdate>(); // what the stored state already holds, for the history
        foreach (var entry in entries)
        {
            var sequence = entry.Sequence; // the journal's own numbering, not what the entry says of itself
            last = Math.Max(last, sequence);
            if (stop is not null)
            {
                continue;
            }

            var update = entry.Operation is { } operation ? new OperationUpdate(entry.Revision, operation, entry.UserId, entry.ClientId, entry.Seq) : null;
            if (sequence <= stored)
            {
                if (update is not null && entry.Problem is null && entry.Revision <= Session.Revision)
                {
                    kept.Add(update);
                }

                continue;
            }

            if (kept.Count > 0)
            {
                KeepHistory(kept);
                kept.Clear();
            }

            if (ReplayProblem(entry) is { } problem)
            {
                stop = $"entry {sequence} (after revision {Session.Revision}) {problem}";
                continue;
            }

            if (update is not null)
            {
                Document.Apply(update.Operation);
                _codeStale = true;
                Session.Revision = entry.Revision;
                _history.Add(update);
            }

            Session.Language = entry.Language ?? Session.Language;
            Session.JournalSequence = sequence;
            replayed++;
        }

        KeepHistory(kept);
        if (stop is not null)
        {
            // Later appends continue after the journal's last entry, or each would conflict with it.
            logger.LogError(
                "Session {SessionId}'s journal {Problem}; replay stopped there, {Skipped} entries not replayed, the session goes on at revision {Revision}",
                Id, stop, last - Session.JournalSequence, Session.Revision);
            Session.JournalSequence = last;
            _dirty = true;
        }

        if (replayed > 0)
        {
            _dirty = true;
            logger.LogInformation("Session {SessionId} recovered {Count} journaled changes up to revision {Revision}", Id, replayed, Session.Revision);
        }
    }

    /// <summary>
    /// Operations the stored text already includes go into the history as far back as they chain into
    /// it: each one's result is as long as the next one's base, the last one's as the text. An entry
    /// changed in the store breaks the chain, and the history starts after it, so a rejoining tab is
    /// never sent operations that do not lead to the text it is given.
    /// </summary>
    private void KeepHistory(List<OperationUpdate> kept)
    {
        if (kept.Count == 0)
        {
            return;
        }

        var (length, revision, first) = (Document.Length, Session.Revision, kept.Count);
        for (var i = kept.Count - 1; i >= 0 && kept[i].Revision == revision && kept[i].Operation.TargetLength == length; i--)
        {
            (length, revision, first) = (kept[i].Operation.BaseLength, revision - 1, i);
        }

        foreach (var update in kept.Skip(first))
        {
            _history.Add(update);
        }
    }

    /// <summary>Why a journal entry cannot be replayed onto the session as it is now, or null.</summary>
    private string? ReplayProblem(JournalEntry entry)
    {
        if (entry.Problem is { } unreadable)
        {
            return $"cannot be read: {unreadable}";
        }

        if (entry.Language is { } language && !Languages.IsKnown(language))
        {
            return $"names an unknown language '{language}'";
        }

        if (entry.Operation is not { } operation)
        {
            return null;
        }

        if (entry.Revision != Session.Revision + 1)
        {
            return $"skips to revision {entry.Revision}";
        }

        try
        {
            return Document.Utf8BytesAfter(operation) > Limits.MaxCodeBytes ? $"would make the code exceed {Limits.MaxCodeBytes} bytes" : null;
        }
        catch (TextOperationException exception)
        {
            return $"does not apply: {exception.Message}";
        }
    }

    private static long TransformWork(TextOperation submitted, IReadOnlyList<OperationUpdate> concurrent)
    {
        long work = 0;
        foreach (var earlier in concurrent)
        {
            work += submitted.Components.Count + earlier.Operation.Components.Count;
        }

        return work;
    }

    private string CurrentCode()
    {
        if (_codeStale)
        {
            (Session.Code, _codeStale) = (_document!.ToString(), false);
        }

        return Session.Code;
    }

    private SessionDetails Details() =>
        new(Id.ToString("D"), Session.CreatedAt, Session.LastActivity, Session.Language, _participants.UserCount);
}
