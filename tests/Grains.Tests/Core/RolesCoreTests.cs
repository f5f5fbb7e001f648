using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Core;

/// <summary>Roles in presence and the two sequenced texts, as plain logic (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public class RolesCoreTests
{
    private static TextOperation Insert(string text, int length) => new TextOperation.Builder().Insert(text).Retain(length).Build();

    [Fact]
    public void Roles_are_per_connection_and_a_user_is_an_interviewer_while_any_connection_is()
    {
        var presence = new Presence<string>(TimeProvider.System);
        presence.Add("i1", "ada", "Ada", "g1", interviewer: true);
        presence.Add("i2", "ada", "Ada", "g2");
        presence.Add("c", "cid", "Cid", "g2");

        Assert.Equal((true, false, false), (presence.IsInterviewer("i1"), presence.IsInterviewer("i2"), presence.IsInterviewer("c")));
        Assert.Equal(["i1"], presence.InterviewerConnectionIds());
        Assert.Empty(presence.InterviewerConnectionIds(except: "i1"));
        Assert.Equal(["g1"], presence.InterviewerGateways);
        Assert.Equal([Roles.Interviewer, Roles.Candidate], presence.Snapshot().Select(u => u.Role));

        presence.Add("i1", "ada", "Ada", "g1"); // the same connection joins again without the key
        Assert.False(presence.IsInterviewer("i1"));
        Assert.Equal(Roles.Candidate, presence.Snapshot()[0].Role);
        Assert.Empty(presence.InterviewerGateways);
    }

    [Fact]
    public void A_connection_that_leaves_or_becomes_someone_else_is_no_interviewer()
    {
        var presence = new Presence<string>(TimeProvider.System);
        presence.Add("i", "ada", "Ada", "g", interviewer: true);
        presence.Add("i", "bob", "Bob", "g"); // the connection now joins as another, absent, user

        Assert.False(presence.IsInterviewer("i"));
        Assert.Empty(presence.InterviewerConnectionIds());

        presence.Add("j", "eve", "Eve", "g", interviewer: true);
        presence.Remove("j");
        Assert.Empty(presence.InterviewerConnectionIds());
    }

    [Fact]
    public void Each_text_has_its_own_revision_and_one_seq_spans_both()
    {
        var texts = new SessionTexts(new Sequencer("code"), new Sequencer(document: Documents.Notes));

        var code = Assert.IsType<Ready>(texts.Prepare("ada", new Submission("tab", 1, 0, Insert("c", 4))));
        texts.Code.Apply(code);
        var notes = Assert.IsType<Ready>(texts.Prepare("ada", new Submission("tab", 2, 0, Insert("n", 0), Documents.Notes)));
        texts.Notes.Apply(notes);

        Assert.Equal((1L, (string?)null, 1L, (string?)Documents.Notes), (code.Update.Revision, code.Update.Document, notes.Update.Revision, notes.Update.Document));
        Assert.Equal(("ccode", "n"), (texts.Code.Text, texts.Notes.Text));
        Assert.Equal(Refusal.SeqUsed, Assert.IsType<Refused>(texts.Prepare("ada", new Submission("tab", 1, 1, Insert("x", 1), Documents.Notes))).Reason);
        Assert.Equal(Refusal.SeqUsed, Assert.IsType<Refused>(texts.Prepare("ada", new Submission("tab", 2, 1, Insert("x", 5)))).Reason);
        Assert.Equal(1, Assert.IsType<Repeated>(texts.Prepare("ada", new Submission("tab", 2, 0, Insert("n", 0), Documents.Notes))).Revision);
        Assert.Equal(Refusal.ForeignClient, Assert.IsType<Refused>(texts.Prepare("bob", new Submission("tab", 3, 1, Insert("x", 1), Documents.Notes))).Reason);
        Assert.IsType<Ready>(texts.Prepare("ada", new Submission("tab", 3, 1, Insert("x", 5))));
    }
}
