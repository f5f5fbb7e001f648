using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

public class OtClientTests
{
    private const string Start = "hello world";

    private static TextOperation Edit(string text, int at, int deleted, string inserted) =>
        new TextEdit(at, deleted, inserted).ToOperation(text.Length);

    [Fact]
    public void A_new_client_for_the_same_tab_numbers_on_from_the_last_seq()
    {
        var client = new OtClient("tab", 5, Start, lastSeq: 7);

        var sent = client.ApplyLocal(Edit(Start, 0, 0, "A"));

        Assert.Equal(("tab", 8L, 5L), (sent!.ClientId, sent.Seq, sent.Revision));
        Assert.Equal(8, client.LastSeq);
    }

    [Fact]
    public void A_refused_operation_is_undone_and_the_typing_after_it_goes_next_under_the_next_number()
    {
        var client = new OtClient("tab", 5, Start);
        var local = Start;
        var paste = Edit(local, 6, 5, "EARTH");
        local = paste.Apply(local);
        Assert.Equal(1, client.ApplyLocal(paste)!.Seq);
        foreach (var typed in new[] { Edit(local, 11, 0, "!"), Edit(local + "!", 0, 0, "> ") })
        {
            local = typed.Apply(local);
            Assert.Null(client.ApplyLocal(typed)); // buffered behind the one in flight
        }

        Assert.Equal("> hello EARTH!", local);

        var step = client.Refused(1)!;

        var undone = step.ToApply.Aggregate(local, (text, operation) => operation.Apply(text));
        Assert.Equal("> hello world!", undone);
        Assert.Equal((2L, 5L), (step.ToSend!.Seq, step.ToSend.Revision));
        Assert.Equal(undone, step.ToSend.Operation.Apply(client.ServerText));
        Assert.Equal(OtClientState.AwaitingConfirm, client.State);
    }

    [Fact]
    public void Typing_only_inside_the_refused_text_leaves_nothing_to_send()
    {
        var client = new OtClient("tab", 5, Start);
        var insert = Edit(Start, 0, 0, "abc");
        client.ApplyLocal(insert);
        var delete = Edit(insert.Apply(Start), 1, 1, string.Empty); // deletes the b it typed
        client.ApplyLocal(delete);
        var local = delete.Apply(insert.Apply(Start));
        Assert.Equal("achello world", local);

        var step = client.Refused(1)!;

        Assert.Equal(Start, step.ToApply.Aggregate(local, (text, operation) => operation.Apply(text)));
        Assert.Null(step.ToSend);
        Assert.Equal(OtClientState.Synchronized, client.State);
        Assert.Equal(2, client.ApplyLocal(Edit(Start, 0, 0, "x"))!.Seq); // the refused number is not used again
    }

    [Fact]
    public void A_refusal_of_an_earlier_attempt_changes_nothing()
    {
        var client = new OtClient("tab", 5, Start);
        client.ApplyLocal(Edit(Start, 0, 0, "A"));
        client.Acknowledged(6);
        client.ApplyLocal(Edit("A" + Start, 0, 0, "B"));

        Assert.Null(client.Refused(1)); // seq 1 was applied; 2 is in flight
        Assert.Equal(2, client.Pending()!.Seq);
    }

    [Fact]
    public void A_refusal_after_others_edits_undoes_the_operation_as_transformed()
    {
        var client = new OtClient("tab", 5, Start);
        var local = Edit(Start, 0, 0, "A").Apply(Start);
        client.ApplyLocal(Edit(Start, 0, 0, "A"));
        var remote = client.Received(new OperationUpdate(6, Edit(Start, 11, 0, "?"), "bob", "bob-tab", 1));
        local = remote.ToApply.Aggregate(local, (text, operation) => operation.Apply(text));

        var step = client.Refused(1)!;

        Assert.Equal("hello world?", step.ToApply.Aggregate(local, (text, operation) => operation.Apply(text)));
        Assert.Equal("hello world?", client.ServerText);
    }
}
