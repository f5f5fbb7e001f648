using System.Text;
using Interview.Grains.Journal;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Orleans.Runtime;

namespace Interview.Grains.Tests;

/// <summary>
/// What a session's next activation makes of its journal: the changes beyond the stored state come back,
/// and an entry that does not apply (journaled by an older version, or changed in the store) never makes
/// the session unloadable: the replay stops before it and the session goes on from there.
/// </summary>
[Collection(ClusterCollection.Name)]
public class JournalReplayTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();

    public static TheoryData<string, string, bool> Poisons() => new()
    {
        { "an operation of the wrong length", """{"n":N,"r":R,"o":[999,"x"],"u":"u","c":"old","s":1}""", false },
        { "deletes that overflow 32 bits (journaled before they were refused)", """{"n":N,"r":R,"o":[10,-2147483647,-2147483647,79],"u":"u","c":"old","s":1}""", true },
        { "a revision out of turn", """{"n":N,"r":99,"o":["x",LENGTH],"u":"u","c":"old","s":1}""", false },
        { "an unknown language", """{"n":N,"r":R,"u":"u","c":"","s":0,"l":"cobol"}""", false },
        { "bytes that are not JSON", "\u0001not json", true },
        { "an entry without its tab", """{"n":N,"r":R,"o":["x",LENGTH],"u":"u","s":1}""", true },
        { "an entry without a change", """{"n":N,"r":R,"u":"u","c":"","s":0}""", true },
        { "an entry claiming a far later number", """{"n":1000000,"r":R,"o":[999,"x"],"u":"u","c":"old","s":1}""", false },
    };

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poisoned_entry_stops_the_replay_and_the_session_still_activates(string what, string poison, bool unreadable)
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var text = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!.CurrentCode;
        Assert.Equal(1, (await grain.SubmitOperation("a", new Submission("tab", 1, 0, new TextOperation.Builder().Insert("A").Retain(text.Length).Build()))).Revision);
        await grain.Leave("a");
        await DeactivateAsync();

        // Behind the session's back: the poisoned entry, then one that would apply after it.
        var last = ClusterFixture.Journal.Last(id);
        ClusterFixture.Journal.Plant(id, Encoding.UTF8.GetBytes(poison
            .Replace("LENGTH", (text.Length + 1).ToString(), StringComparison.Ordinal)
            .Replace("N", (last + 1).ToString(), StringComparison.Ordinal)
            .Replace("R", "2", StringComparison.Ordinal)));
        Assert.Equal(unreadable, JournalEntry.Read(ClusterFixture.Journal.Raw(id)[^1]).Problem is not null);
        ClusterFixture.Journal.Plant(id, new JournalEntry(last + 2, 3, new TextOperation.Builder().Insert("C").Retain(text.Length + 2).Build(), "u", "old", 2).ToJson());

        Assert.Equal(SessionStatus.Active, (await grain.Describe()).Status);
        var joined = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!;
        Assert.True(("A" + text, 1L, "javascript") == (joined.CurrentCode, joined.Revision, joined.Language), what);

        // It goes on: a new change is journaled after the journal's last entry and survives the next activation.
        Assert.Equal(2, (await grain.SubmitOperation("a", new Submission("tab", 2, 1, new TextOperation.Builder().Insert("B").Retain(text.Length + 1).Build()))).Revision);
        Assert.Equal(last + 3, ClusterFixture.Journal.Last(id));
        await grain.Leave("a");
        await DeactivateAsync();
        var again = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!;
        Assert.Equal(("BA" + text, 2L), (again.CurrentCode, again.Revision));
    }

    [Fact]
    public async Task Changes_after_the_last_state_write_come_back_from_the_journal()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var text = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!.CurrentCode;
        await grain.Leave("a");
        await DeactivateAsync();

        // As a silo that died after journaling, before writing its state, leaves them.
        var last = ClusterFixture.Journal.Last(id);
        ClusterFixture.Journal.Plant(id, new JournalEntry(last + 1, 1, new TextOperation.Builder().Insert("x").Retain(text.Length).Build(), Ada, "tab", 1).ToJson());
        ClusterFixture.Journal.Plant(id, new JournalEntry(last + 2, 1, null, Ada, string.Empty, 0, "python").ToJson());

        var joined = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!;
        Assert.Equal(("x" + text, 1L, "python"), (joined.CurrentCode, joined.Revision, joined.Language));
        Assert.Equal(1, (await grain.SubmitOperation("a", new Submission("tab", 1, 0, new TextOperation.Builder().Insert("x").Retain(text.Length).Build()))).Revision); // known as applied
    }

    [Fact]
    public async Task A_changed_entry_the_state_already_holds_is_never_sent_to_a_rejoining_tab()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var text = (await grain.Join(listener.Request("a", Ada, ot: true))).Joined!.CurrentCode;
        for (var seq = 1; seq <= 4; seq++)
        {
            await grain.SubmitOperation("a", new Submission("tab", seq, seq - 1, new TextOperation.Builder().Retain(text.Length + seq - 1).Insert("x").Build()));
        }

        await grain.Leave("a");
        await DeactivateAsync(); // the state, at revision 4, is written

        // Entry 2 changed in the store to insert something else.
        var first = ClusterFixture.Journal.Last(id) - 3;
        ClusterFixture.Journal.Replace(id, first + 1, new JournalEntry(first + 1, 2, new TextOperation.Builder().Insert("EVIL").Retain(text.Length + 1).Build(), Ada, "tab", 2).ToJson());

        var rejoined = (await grain.Join(listener.Request("a", Ada, ot: true, revision: 1))).Joined!;
        Assert.Equal((text + "xxxx", 4L), (rejoined.CurrentCode, rejoined.Revision));
        Assert.Null(rejoined.Operations); // the history no longer reaches back past the changed entry
        var fromThree = (await grain.Join(listener.Request("b", Ada, ot: true, revision: 2))).Joined!;
        Assert.Equal([3L, 4L], fromThree.Operations!.Select(operation => operation.Revision)); // after it, it does
    }

    private Task DeactivateAsync() => fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
