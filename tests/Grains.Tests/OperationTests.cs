using System.Text.Json;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

/// <summary>The SessionGrain as the session's sequencer (submit-operation, protocol "ot").</summary>
[Collection(ClusterCollection.Name)]
public class OperationTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Bob = Guid.NewGuid().ToString();

    private static TextOperation Op(string json) => JsonSerializer.Deserialize<TextOperation>(json)!;

    private async Task<(ISessionGrain Grain, SessionListener Listener, string Text)> TwoOtClientsAsync()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        var listener = await SessionListener.StartAsync(fixture, id);
        var joined = (await grain.Join(listener.Request("a", Ada, "Ada", ot: true))).Joined!;
        await grain.Join(listener.Request("b", Bob, "Bob", ot: true));
        return (grain, listener, joined.CurrentCode);
    }

    [Fact]
    public async Task An_operation_is_applied_acknowledged_and_sent_to_the_others()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;

        var outcome = await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["// hi\n",{text.Length}]""")));

        Assert.Equal(new SubmitOutcome(1), outcome);
        var (change, except) = await WaitForChangeAsync(listener, 1);
        Assert.Equal(("a", Ada, "tab-a", 1L), (except, change.Update.UserId, change.Update.ClientId, change.Update.Seq));
        Assert.Null(change.Code); // nobody needs the whole text: no full-text client is here
        Assert.Equal("// hi\n" + text, await CodeAsync(grain, listener));
    }

    [Fact]
    public async Task Concurrent_operations_are_transformed_and_both_kept()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        var n = text.Length;

        // Both made against revision 0, both inserting at the start.
        Assert.Equal(1, (await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["A",{n}]""")))).Revision);
        Assert.Equal(2, (await grain.SubmitOperation("b", new Submission("tab-b", 1, 0, Op($"""["B",{n}]""")))).Revision);

        Assert.Equal("BA" + text, await CodeAsync(grain, listener)); // the one transformed in goes first
        var bobs = (await WaitForChangeAsync(listener, 2)).Change.Update.Operation;
        Assert.Equal(Op($"""["B",{n + 1}]"""), bobs); // as the others must apply it
    }

    [Fact]
    public async Task A_resent_operation_is_applied_once_and_answered_alike()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        var submission = new Submission("tab-a", 1, 0, Op($"""["once",{text.Length}]"""));

        var first = await grain.SubmitOperation("a", submission);
        var again = await grain.SubmitOperation("a", submission);

        Assert.Equal(first, again);
        Assert.Equal("once" + text, await CodeAsync(grain, listener));
        var later = await grain.SubmitOperation("a", new Submission("tab-a", 2, 1, Op($"""["twice",{text.Length + 4}]""")));
        Assert.Equal(first, await grain.SubmitOperation("a", submission)); // an older repeat still gets its answer
        Assert.Equal(2, later.Revision);
    }

    [Fact]
    public async Task Operations_that_do_not_fit_are_refused_and_change_nothing()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        var n = text.Length;

        foreach (var bad in new[] { Op($"[{n + 1}]"), Op("""["x"]"""), Op($"""[{n},"{new string('x', Limits.MaxCodeBytes)}"]""") })
        {
            var outcome = await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, bad));
            Assert.Equal((ErrorCodes.InvalidPayload, "operation"), (outcome.Error!.Code, outcome.Error.Details!["field"]));
        }

        Assert.Equal(ErrorCodes.ResyncRequired, (await grain.SubmitOperation("a", new Submission("tab-a", 1, 7, Op($"[{n}]")))).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidSession, (await grain.SubmitOperation("stranger", new Submission("x", 1, 0, Op($"[{n}]")))).Error!.Code);
        Assert.Equal(text, await CodeAsync(grain, listener));
    }

    [Fact]
    public async Task A_full_text_change_reaches_ot_clients_as_an_operation()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ot", Ada, "Ada", ot: true));
        var text = (await grain.Join(listener.Request("spec", Bob, "Bob"))).Joined!.CurrentCode;

        await grain.ChangeCode("spec", text + "\nmore();");

        var (change, except) = await WaitForChangeAsync(listener, 1);
        Assert.Equal("spec", except);
        Assert.Equal(text + "\nmore();", change.Update.Operation.Apply(text));
        Assert.Equal(text + "\nmore();", change.Code); // a full-text client is here: the whole text comes along
        Assert.Equal(("", 0L), (change.Update.ClientId, change.Update.Seq));
    }

    [Fact]
    public async Task A_rejoining_client_catches_up_and_recognises_its_own_operations()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["A",{text.Length}]""")));
        await grain.SubmitOperation("b", new Submission("tab-b", 1, 1, Op($"""["B",{text.Length + 1}]""")));
        await grain.Leave("a");

        var rejoined = (await grain.Join(listener.Request("a2", Ada, "Ada", ot: true, revision: 0))).Joined!;

        Assert.Equal([("tab-a", 1L, 1L), ("tab-b", 1L, 2L)], rejoined.Operations!.Select(o => (o.ClientId, o.Seq, o.Revision)));
        Assert.Null((await grain.Join(listener.Request("a3", Ada, "Ada", ot: true))).Joined!.Operations); // no revision given
    }

    [Fact]
    public async Task A_rejoining_tab_is_told_the_last_of_its_operations_the_session_applied()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["A",{text.Length}]""")));
        await grain.SubmitOperation("a", new Submission("tab-a", 2, 1, Op($"""["B",{text.Length + 1}]""")));

        var joined = (await grain.Join(listener.Request("a2", Ada, "Ada", ot: true) with { ClientId = "tab-a" })).Joined!;
        Assert.Equal(2, joined.LastSeq);
        Assert.Null((await grain.Join(listener.Request("a3", Ada, "Ada", ot: true) with { ClientId = "never-seen" })).Joined!.LastSeq);
        Assert.Null((await grain.Join(listener.Request("a4", Ada, "Ada", ot: true))).Joined!.LastSeq);
    }

    [Fact]
    public async Task The_history_outlives_the_activation_through_the_journal()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["A",{text.Length}]""")));
        await grain.Leave("a");
        await grain.Leave("b");
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var joined = (await grain.Join(listener.Request("a", Ada, "Ada", ot: true, revision: 0))).Joined!;
        Assert.Equal([("tab-a", 1L, 1L)], joined.Operations!.Select(o => (o.ClientId, o.Seq, o.Revision)));
        Assert.Equal(1, (await grain.SubmitOperation("a", new Submission("tab-a", 1, 0, Op($"""["A",{text.Length}]""")))).Revision); // a resend
        Assert.Equal(2, (await grain.SubmitOperation("a", new Submission("tab-a", 2, 0, Op($"""["late",{text.Length}]""")))).Revision); // transformed
        Assert.Equal("lateA" + text, (await grain.Join(listener.Request("a", Ada, "Ada", ot: true))).Joined!.CurrentCode); // the submitted one goes first
    }

    [Fact]
    public async Task After_the_history_is_gone_an_old_revision_must_resynchronise()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;
        for (var seq = 1; seq <= OperationHistory.DefaultMaxCount + 1; seq++)
        {
            await grain.SubmitOperation("a", new Submission("tab-a", seq, seq - 1, Op($"""["x",{text.Length + seq - 1}]""")));
        }

        var head = OperationHistory.DefaultMaxCount + 1;
        var joined = (await grain.Join(listener.Request("b", Bob, "Bob", ot: true, revision: 0))).Joined!;
        Assert.Null(joined.Operations); // revision 1 is no longer kept
        var outcome = await grain.SubmitOperation("b", new Submission("tab-b", 1, 0, Op($"""["late",{text.Length}]""")));

        Assert.Equal(ErrorCodes.ResyncRequired, outcome.Error!.Code);
        Assert.Equal(head + 1, (await grain.SubmitOperation("b", new Submission("tab-b", 1, head, Op($"""["now",{text.Length + head}]""")))).Revision);
    }

    [Fact]
    public async Task Cursors_reach_the_others_with_the_users_name_and_color()
    {
        var (grain, listener, text) = await TwoOtClientsAsync();
        await using var _ = listener;

        Assert.Null(await grain.MoveCursor("b", [new SelectionRange(0, 3), new SelectionRange(5, 5)]));

        await Eventually.HoldsAsync(() => !listener.Cursors.IsEmpty, "the cursor is relayed");
        var (cursor, except) = listener.Cursors.Single();
        Assert.Equal(("b", Bob, "Bob", 2), (except, cursor.UserId, cursor.Username, cursor.Selections.Count));
        Assert.Null(await grain.MoveCursor("b", [new SelectionRange(0, text.Length + 5)])); // the sender may be ahead of the session
        Assert.Equal(ErrorCodes.InvalidPayload, (await grain.MoveCursor("b", [new SelectionRange(-1, 0)]))!.Code);
        Assert.Equal(ErrorCodes.InvalidPayload, (await grain.MoveCursor("b", [new SelectionRange(0, Limits.MaxCodeBytes + 1)]))!.Code);
        Assert.Equal(ErrorCodes.InvalidPayload, (await grain.MoveCursor("b", Enumerable.Repeat(new SelectionRange(0, 0), 33).ToList()))!.Code);
        Assert.Equal(ErrorCodes.InvalidSession, (await grain.MoveCursor("nobody", []))!.Code);
    }

    private static async Task<(TextChange Change, string? Except)> WaitForChangeAsync(SessionListener listener, long revision)
    {
        await Eventually.HoldsAsync(() => listener.Changes.Any(c => c.Change.Update.Revision == revision), $"revision {revision} is relayed");
        return listener.Changes.First(c => c.Change.Update.Revision == revision);
    }

    private static async Task<string> CodeAsync(ISessionGrain grain, SessionListener listener) =>
        (await grain.Join(listener.Request($"peek-{Guid.NewGuid():N}", Guid.NewGuid().ToString(), "Peek", ot: true))).Joined!.CurrentCode;
}
