using Interview.Shared.Validation;
using Interview.Shared.Text;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Grains.Tests.Interviews;

/// <summary>The interviewer notes: a second sequenced document, for interviewers only (docs/protocol.md, "Roles, notes, ending and activity").</summary>
[Collection(ClusterCollection.Name)]
public class NotesTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Bea = Guid.NewGuid().ToString();
    private static readonly string Cid = Guid.NewGuid().ToString();

    private async Task<(ISessionGrain Grain, Guid Id, SessionListener Listener, string Code)> InterviewAsync()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer());
        await grain.Join(listener.Request("bea", Bea, "Bea", ot: true).AsInterviewer());
        var code = (await grain.Join(listener.Request("cid", Cid, "Cid", ot: true))).Joined!.CurrentCode;
        return (grain, id, listener, code);
    }

    private static Submission Notes(string clientId, long seq, long revision, TextOperation operation) => new(clientId, seq, revision, operation, Documents.Notes);

    [Fact]
    public async Task Notes_have_their_own_revision_and_reach_only_the_other_interviewers()
    {
        var (grain, _, listener, code) = await InterviewAsync();
        await using var _ = listener;

        Assert.Equal(new SubmitOutcome(1), await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert("Strong start", 0, 0))));
        Assert.Equal(new SubmitOutcome(1), await grain.SubmitOperation("cid", new Submission("tab-c", 1, 0, Interviewers.Insert("x", 0, code.Length))));

        await Eventually.HoldsAsync(() => listener.Changes.Count(c => c.Change.Update.Revision == 1) == 2, "both revisions 1 are relayed");
        var notes = listener.Changes.Single(c => c.Change.Update.Document == Documents.Notes);
        Assert.Equal("ada", notes.Except);
        Assert.Equal(["bea"], notes.Change.Recipients!);
        Assert.Null(notes.Change.Code);
        var codeChange = listener.Changes.Single(c => c.Change.Update.Document is null);
        Assert.Null(codeChange.Change.Recipients); // the code goes to everyone's groups

        var bea = (await grain.Join(listener.Request("bea", Bea, "Bea", ot: true).AsInterviewer())).Joined!;
        Assert.Equal((new NotesText("Strong start", 1), 1L, "x" + code), (bea.Notes, bea.Revision, bea.CurrentCode));
        Assert.Null((await grain.Join(listener.Request("cid", Cid, "Cid", ot: true))).Joined!.Notes);
    }

    [Fact]
    public async Task A_full_text_interviewer_gets_the_notes_when_joining_but_no_operations()
    {
        var (grain, _, listener, _) = await InterviewAsync();
        await using var _ = listener;
        var full = (await grain.Join(listener.Request("full", Guid.NewGuid().ToString(), "Full").AsInterviewer())).Joined!;

        await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert("n", 0, 0)));

        Assert.Equal(new NotesText("", 0), full.Notes);
        await Eventually.HoldsAsync(() => listener.Changes.Any(c => c.Change.Update.Document == Documents.Notes), "the notes are relayed");
        Assert.Equal(["bea"], listener.Changes.Single(c => c.Change.Update.Document == Documents.Notes).Change.Recipients!);
    }

    [Fact]
    public async Task A_candidate_writing_the_notes_is_forbidden_and_the_notes_stay()
    {
        var (grain, _, listener, _) = await InterviewAsync();
        await using var _ = listener;
        await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert("private", 0, 0)));

        var refused = await grain.SubmitOperation("cid", Notes("tab-c", 1, 1, Interviewers.Insert("mine now ", 0, 7)));

        Assert.Equal((ErrorCodes.Forbidden, "Only interviewers may write the notes"), (refused.Error!.Code, refused.Error.Message));
        var ada = (await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer())).Joined!;
        Assert.Equal(new NotesText("private", 1), ada.Notes);
        Assert.DoesNotContain(listener.Changes, c => c.Change.Recipients?.Contains("cid") == true);
    }

    [Fact]
    public async Task One_seq_counts_over_both_documents()
    {
        var (grain, _, listener, code) = await InterviewAsync();
        await using var _ = listener;
        Assert.Equal(1, (await grain.SubmitOperation("ada", new Submission("tab-a", 1, 0, Interviewers.Insert("c", 0, code.Length)))).Revision);

        var reused = await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert("n", 0, 0)));
        Assert.Equal((ErrorCodes.InvalidPayload, "seq"), (reused.Error!.Code, reused.Error.Details!["field"]));

        var next = Notes("tab-a", 2, 0, Interviewers.Insert("n", 0, 0));
        Assert.Equal(new SubmitOutcome(1), await grain.SubmitOperation("ada", next));
        Assert.Equal(new SubmitOutcome(1), await grain.SubmitOperation("ada", next)); // a resend: answered alike, applied once
        var codeAgain = await grain.SubmitOperation("ada", new Submission("tab-a", 2, 1, Interviewers.Insert("c", 0, code.Length + 1)));
        Assert.Equal("seq", codeAgain.Error!.Details!["field"]);

        var rejoined = (await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer() with { ClientId = "tab-a", NotesRevision = 0 })).Joined!;
        Assert.Equal((1L, 2L, "n"), (rejoined.LastSeq, rejoined.NotesLastSeq, rejoined.Notes!.Text));
        Assert.Equal([(1L, "tab-a", 2L, Documents.Notes)], rejoined.NotesOperations!.Select(o => (o.Revision, o.ClientId, o.Seq, o.Document!)));
    }

    [Fact]
    public async Task A_tabs_id_is_its_users_in_both_documents()
    {
        var (grain, _, listener, code) = await InterviewAsync();
        await using var _ = listener;
        await grain.SubmitOperation("cid", new Submission("tab-c", 1, 0, Interviewers.Insert("c", 0, code.Length)));

        var taken = await grain.SubmitOperation("ada", Notes("tab-c", 2, 0, Interviewers.Insert("n", 0, 0)));

        Assert.Equal("clientId", taken.Error!.Details!["field"]);
    }

    [Fact]
    public async Task Notes_past_100_KB_are_refused_whole()
    {
        var (grain, _, listener, _) = await InterviewAsync();
        await using var _ = listener;

        var refused = await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert(new string('n', Limits.MaxCodeBytes + 1), 0, 0)));

        Assert.Equal((ErrorCodes.InvalidPayload, "The notes would exceed the 100 KB limit"), (refused.Error!.Code, refused.Error.Message));
        Assert.Equal(new NotesText("", 0), (await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer())).Joined!.Notes);
    }

    [Fact]
    public async Task Notes_survive_a_new_activation_from_the_journal_and_from_the_stored_state()
    {
        var (grain, id, listener, _) = await InterviewAsync();
        await using var _ = listener;
        await grain.SubmitOperation("ada", Notes("tab-a", 1, 0, Interviewers.Insert("kept", 0, 0)));
        foreach (var connection in new[] { "ada", "bea", "cid" })
        {
            await grain.Leave(connection);
        }

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var back = (await grain.Join(listener.Request("ada", Ada, "Ada", ot: true).AsInterviewer() with { ClientId = "tab-a" })).Joined!;

        Assert.Equal((new NotesText("kept", 1), 1L), (back.Notes, back.NotesLastSeq));
        var stored = await fixture.StoredAsync<SessionState>("session", grain);
        Assert.Equal(("kept", 1L), (stored.Notes, stored.NotesRevision));
    }
}
