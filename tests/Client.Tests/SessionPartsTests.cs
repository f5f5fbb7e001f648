using Interview.Client.Components;
using Interview.Client.Sessions;
using Interview.Shared.Contracts;

namespace Interview.Client.Tests;

public class SessionPartsTests
{
    [Fact]
    public void Notices_stay_once_each_the_latest_last_and_at_most_five()
    {
        var notices = new SessionNotices();
        for (var i = 0; i < 7; i++)
        {
            notices.Add(new Notice($"n{i}"));
        }

        notices.Add(new Notice("n3")); // the same words again: once, as the latest
        Assert.Equal(["n2", "n4", "n5", "n6", "n3"], notices.Items.Select(n => n.Text));
        notices.Close(new Notice("n5"));
        Assert.Equal(["n2", "n4", "n6", "n3"], notices.Items.Select(n => n.Text));
    }

    [Fact]
    public async Task Cursor_moves_in_quick_succession_go_as_one_the_latest()
    {
        var sent = new List<IReadOnlyList<SelectionRange>>();
        var pacing = new CursorPacing(selections => { sent.Add(selections); return Task.CompletedTask; });

        var first = pacing.MovedAsync([new SelectionRange(1, 1)]);
        await pacing.MovedAsync([new SelectionRange(2, 2)]);
        await pacing.MovedAsync([new SelectionRange(3, 4)]);
        await first;

        Assert.Equal([new SelectionRange(3, 4)], Assert.Single(sent));
        await pacing.MovedAsync([new SelectionRange(5, 5)]); // later: a cursor-change of its own
        Assert.Equal(2, sent.Count);
    }
}
