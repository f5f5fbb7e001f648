using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;

namespace Interview.Grains.Sessions;

/// <summary>
/// Edits: operations (to the code or the notes), full-text changes and the language. The sequencers check
/// and order them; the grain journals each before it applies it, then tells the gateways
/// (docs/architecture.md, "The path of a keystroke"). Once the interview was ended the code and the
/// language are final; the notes stay the interviewers' (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<SubmitOutcome> SubmitOperation(string connectionId, Submission submission)
    {
        var notes = submission.Document == Documents.Notes;
        var (editor, refusal) = await EditorAsync(connectionId, notes ? EditRule.InterviewersWriteNotes : EditRule.Anyone);
        if ((refusal ?? OverBudget(_budgets.TakeOperation(editor!.Id, Now), "edits and cursor moves")) is { } stop)
        {
            return new SubmitOutcome(null, stop);
        }

        var prepared = Texts.Prepare(editor!.Id, submission);
        if (!notes && Ended && prepared is not Repeated)
        {
            return new SubmitOutcome(null, SessionErrors.Ended(Id)); // a resend of an edit made before the end still gets its answer
        }

        switch (prepared)
        {
            case Refused refused:
                return new SubmitOutcome(null, ErrorFor(refused, notes ? "notes" : "code"));
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

        var (user, refusal) = await CodeEditorAsync(connectionId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (code != Sequencer.Text)
        {
            await CommitAsync(Sequencer.PrepareText(code, user.Id), exceptConnectionId: connectionId);
        }

        return null;
    }

    public async Task<ErrorPayload?> ChangeLanguage(string connectionId, string language)
    {
        if (!Languages.IsKnown(language))
        {
            return SessionErrors.InvalidField("language", $"Unknown language '{language}'; use {Languages.Listed()}");
        }

        var (user, refusal) = await CodeEditorAsync(connectionId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (language == Session.Language)
        {
            return null;
        }

        var previous = Session.Language;
        await JournalAsync(
            new JournalEntry(Session.JournalSequence + 1, Sequencer.Revision, null, user.Id, string.Empty, 0, language), RecordedEvents.Language(language, user.Id, Now));
        Session.Language = language;
        await PublishAsync(new LanguageChanged(language, user.Id));

        // Never destroy edited code; an untouched template follows the language, as an edit everyone receives.
        if (Sequencer.Text == Languages.Template(previous))
        {
            await CommitAsync(Sequencer.PrepareText(Languages.Template(language), user.Id), exceptConnectionId: null);
        }

        return null;
    }

    /// <summary>
    /// The program input (docs/protocol.md, "Program input"): one text for everyone, replaced whole by each
    /// change (the last one wins), journaled and recorded like the language, final with the code.
    /// </summary>
    public async Task<ErrorPayload?> ChangeInput(string connectionId, string input)
    {
        if (!Limits.InputFits(input))
        {
            return SessionErrors.InvalidField("input", $"input exceeds the {Limits.MaxInputBytes / 1024} KB limit of the program input");
        }

        var (user, refusal) = await CodeEditorAsync(connectionId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (input == Session.Input)
        {
            return null;
        }

        await JournalAsync(
            new JournalEntry(Session.JournalSequence + 1, Sequencer.Revision, null, user.Id, string.Empty, 0, Input: input), RecordedEvents.Input(input, user.Id, Now));
        Session.Input = input;
        await PublishAsync(new InputChanged(input, user.Id, user.Username), except: connectionId);
        return null;
    }

    /// <summary>
    /// Every text change ends here: journaled, then applied (one total order per document, its history),
    /// then the gateways told. Only an operation the sequencer checked against the text is journaled (a
    /// journal entry that does not apply would poison every later activation); once journaled, applying it cannot fail.
    /// </summary>
    private async Task CommitAsync(Ready ready, string? exceptConnectionId)
    {
        var update = ready.Update;
        await JournalAsync(new JournalEntry(
            Session.JournalSequence + 1, update.Revision, update.Operation, update.UserId, update.ClientId, update.Seq, Document: update.Document),
            RecordedEvents.Operation(update, Now));
        var notes = update.Document == Documents.Notes;
        var applied = Texts.Of(update.Document).Apply(ready, withText: !notes && _presence.HasFullTextClients);
        _dirty = true;
        TellGateways(applied, exceptConnectionId);
    }

    /// <summary>The connection's user, once the session is live, the connection in it and the rule for this edit kept; or why not.</summary>
    /// <summary>
    /// Who at <paramref name="connectionId"/> changes the code, the language or the program input (a
    /// member, before the end), with one message of their budget taken and the session touched; or why not.
    /// </summary>
    private async Task<(Participant User, ErrorPayload? Refusal)> CodeEditorAsync(string connectionId)
    {
        var (editor, refusal) = await EditorAsync(connectionId, EditRule.CodeNotFinal);
        if ((refusal ?? OverBudget(_budgets.TakeMessage(editor!.Id, Now), "messages")) is { } stop)
        {
            return (null!, stop);
        }

        Touch();
        return (editor!, null);
    }

    private async Task<(Participant? User, ErrorPayload? Refusal)> EditorAsync(string connectionId, EditRule rule)
    {
        if (await MemberRefusalAsync(connectionId) is { } refusal)
        {
            return (null, refusal);
        }

        if (rule == EditRule.InterviewersWriteNotes && !_presence.IsInterviewer(connectionId))
        {
            return (null, SessionErrors.InterviewersOnly(Id, "write the notes"));
        }

        return rule == EditRule.CodeNotFinal && Ended ? (null, SessionErrors.Ended(Id)) : (_presence.UserOf(connectionId), null);
    }

    private ErrorPayload ErrorFor(Refused refused, string text) => refused.Reason switch
    {
        Refusal.ForeignClient => SessionErrors.InvalidField("clientId", "This clientId is another participant's tab; use your own"),
        Refusal.DoesNotApply => SessionErrors.InvalidField("operation", refused.Detail ?? "The operation does not apply"),
        Refusal.TooLarge => SessionErrors.InvalidField("operation", $"The {text} would exceed the {Limits.MaxCodeBytes / 1024} KB limit"),
        Refusal.SeqUsed => SessionErrors.InvalidField("seq", "This tab already used this seq in the session's other document; number on"),
        _ when text == "notes" => SessionErrors.ResyncRequired(Id) with
        {
            Details = new Dictionary<string, string> { ["sessionId"] = Id.ToString("D"), ["document"] = Documents.Notes },
        },
        _ => SessionErrors.ResyncRequired(Id),
    };

    /// <summary>The refusal to answer when a user's budget is spent (<paramref name="retryAfter"/> set), or null.</summary>
    private static ErrorPayload? OverBudget(TimeSpan? retryAfter, string what) =>
        retryAfter is { } wait ? SessionErrors.RateLimited($"{what} from your tabs together", wait, perUser: true) : null;

    private enum EditRule
    {
        /// <summary>Any member of the session.</summary>
        Anyone,

        /// <summary>The code, the language and the program input: anyone's, until the interview is ended.</summary>
        CodeNotFinal,

        /// <summary>The notes: interviewers', ended or not.</summary>
        InterviewersWriteNotes,
    }
}
