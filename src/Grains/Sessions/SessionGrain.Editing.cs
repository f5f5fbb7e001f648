using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>
/// Edits: operations, full-text changes and the language. The sequencer checks and orders them; the grain
/// journals each before it applies it, then tells the gateways (docs/architecture.md, "The path of a keystroke").
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<SubmitOutcome> SubmitOperation(string connectionId, Submission submission)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return new SubmitOutcome(null, refusal);
        }

        var userId = _presence.UserOf(connectionId)!.Id;
        if (OverBudget(_budgets.TakeOperation(userId, Now), "edits and cursor moves") is { } overBudget)
        {
            return new SubmitOutcome(null, overBudget);
        }

        switch (Sequencer.Prepare(userId, submission))
        {
            case Refused refused:
                return new SubmitOutcome(null, ErrorFor(refused));
            case Repeated repeated:
                return new SubmitOutcome(repeated.Revision);
            case Ready ready:
                Touch();
                await CommitAsync(ready, connectionId);
                return new SubmitOutcome(ready.Update.Revision);
            default:
                throw new InvalidOperationException("The sequencer answered neither ready, repeated nor refused");
        }
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

        var userId = _presence.UserOf(connectionId)!.Id;
        if (OverBudget(_budgets.TakeMessage(userId, Now), "messages") is { } overBudget)
        {
            return overBudget;
        }

        Touch();
        if (code != Sequencer.Text)
        {
            await CommitAsync(Sequencer.PrepareText(code, userId), exceptConnectionId: connectionId);
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

        var userId = _presence.UserOf(connectionId)!.Id;
        if (OverBudget(_budgets.TakeMessage(userId, Now), "messages") is { } overBudget)
        {
            return overBudget;
        }

        Touch();
        if (language == Session.Language)
        {
            return null;
        }

        var previous = Session.Language;
        await JournalAsync(new JournalEntry(Session.JournalSequence + 1, Sequencer.Revision, null, userId, string.Empty, 0, language));
        Session.Language = language;
        await PublishAsync(new LanguageChanged(language, userId));

        // Never destroy edited code; an untouched template follows the language, as an edit everyone receives.
        if (Sequencer.Text == Languages.Template(previous))
        {
            await CommitAsync(Sequencer.PrepareText(Languages.Template(language), userId), exceptConnectionId: null);
        }

        return null;
    }

    /// <summary>
    /// Every text change ends here: journaled, then applied (one total order, the history), then the
    /// gateways told. Only an operation the sequencer checked against the text is journaled (a journal
    /// entry that does not apply would poison every later activation); once journaled, applying it cannot fail.
    /// </summary>
    private async Task CommitAsync(Ready ready, string? exceptConnectionId)
    {
        var update = ready.Update;
        await JournalAsync(new JournalEntry(Session.JournalSequence + 1, update.Revision, update.Operation, update.UserId, update.ClientId, update.Seq));
        var applied = Sequencer.Apply(ready, withText: _presence.HasFullTextClients);
        _dirty = true;
        TellGateways(applied, exceptConnectionId);
    }

    private ErrorPayload ErrorFor(Refused refused) => refused.Reason switch
    {
        Refusal.ForeignClient => SessionErrors.InvalidField("clientId", "This clientId is another participant's tab; use your own"),
        Refusal.DoesNotApply => SessionErrors.InvalidField("operation", refused.Detail ?? "The operation does not apply"),
        Refusal.TooLarge => SessionErrors.InvalidField("operation", $"The code would exceed the {Limits.MaxCodeBytes / 1024} KB limit"),
        _ => SessionErrors.ResyncRequired(Id),
    };

    /// <summary>The refusal to answer when a user's budget is spent (<paramref name="retryAfter"/> set), or null.</summary>
    private static ErrorPayload? OverBudget(TimeSpan? retryAfter, string what) =>
        retryAfter is { } wait ? SessionErrors.RateLimited($"{what} from your tabs together", wait, perUser: true) : null;
}
