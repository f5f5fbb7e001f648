using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Grains.Tests.Core;

public class OperationHistoryTests
{
    private static OperationUpdate Entry(long revision, string client = "c", long seq = 1, string text = "x") =>
        new(revision, new TextOperation.Builder().Insert(text).Build(), "u", client, seq);

    [Fact]
    public void Gives_what_happened_since_a_revision_while_it_is_kept()
    {
        var history = new OperationHistory(maxCount: 3);
        for (var revision = 1; revision <= 5; revision++)
        {
            history.Add(Entry(revision, seq: revision));
        }

        Assert.Equal([4L, 5L], history.Since(3, head: 5)!.Select(e => e.Revision));
        Assert.Equal([3L, 4L, 5L], history.Since(2, head: 5)!.Select(e => e.Revision));
        Assert.Empty(history.Since(5, head: 5)!);
        Assert.Null(history.Since(1, head: 5)); // revision 2 is gone
        Assert.Null(history.Since(6, head: 5)); // from the future
    }

    [Fact]
    public void Keeps_answering_by_revision_through_a_long_session()
    {
        var history = new OperationHistory(maxCount: 100);
        for (var revision = 1; revision <= 10_000; revision++)
        {
            history.Add(Entry(revision, client: $"tab{revision % 7}", seq: revision));
            if (revision % 997 == 0)
            {
                Assert.Equal([revision - 2L, revision - 1L, revision], history.Since(revision - 3, head: revision)!.Select(e => e.Revision));
                Assert.Equal(100, history.Since(revision - 100, head: revision)!.Count);
                Assert.Null(history.Since(revision - 101, head: revision));
            }
        }

        Assert.Equal(100, history.Count);
        Assert.Equal(SubmissionCheck.Applied(9_996), history.Check("tab0", 9_996, "u")); // found in the kept entries
    }

    [Fact]
    public void A_gap_in_revisions_starts_the_history_again()
    {
        var history = new OperationHistory();
        history.Add(Entry(1));
        history.Add(Entry(2));
        history.Add(Entry(7));

        Assert.Equal(1, history.Count);
        Assert.Null(history.Since(2, head: 7));
        Assert.Equal([7L], history.Since(6, head: 7)!.Select(e => e.Revision));
    }

    [Fact]
    public void Is_bounded_in_characters_too()
    {
        var history = new OperationHistory(maxCount: 100, maxCharacters: 25);
        history.Add(Entry(1, text: new string('a', 10)));
        history.Add(Entry(2, text: new string('b', 10)));
        history.Add(Entry(3, text: new string('c', 10)));

        Assert.Equal(2, history.Count);
        Assert.Null(history.Since(0, head: 3));
    }

    [Fact]
    public void Knows_each_clients_last_operation()
    {
        var history = new OperationHistory();
        history.Add(Entry(1, client: "a", seq: 1));
        history.Add(Entry(2, client: "a", seq: 2));
        history.Add(Entry(3, client: "", seq: 0)); // full-text changes have no client

        Assert.Equal(SubmissionCheck.Applied(2), history.Check("a", 2, "u"));
        Assert.Equal(SubmissionCheck.Applied(1), history.Check("a", 1, "u")); // an older repeat, still in the history
        Assert.Equal(SubmissionCheck.Stale, history.Check("a", 0, "u"));
        Assert.Equal(SubmissionCheck.New, history.Check("a", 3, "u"));
        Assert.Equal(SubmissionCheck.New, history.Check("b", 1, "u"));
    }

    [Fact]
    public void Forgets_tabs_long_gone_once_the_history_no_longer_holds_their_operations()
    {
        var history = new OperationHistory(maxCount: 100);
        for (var revision = 1; revision <= 20_000; revision++)
        {
            history.Add(Entry(revision, client: $"churn{revision}", seq: 1)); // a new client id every time
            Assert.InRange(history.ClientCount, 0, (2 * OperationHistory.MaxClientsKept) + 100);
        }

        // Tabs whose operations are still kept are known, with their answers.
        Assert.Equal(SubmissionCheck.Applied(20_000), history.Check("churn20000", 1, "u"));
        Assert.Equal(SubmissionCheck.Applied(19_901), history.Check("churn19901", 1, "u"));

        // A forgotten tab's resend looks new, but it was made against a revision the history no longer
        // holds: the session answers RESYNC_REQUIRED, never applies it again.
        Assert.Equal(SubmissionCheck.New, history.Check("churn1", 1, "u"));
        Assert.Null(history.Since(0, head: 20_000));
    }

    [Fact]
    public void Stores_at_most_the_kept_clients()
    {
        var history = new OperationHistory(maxCount: 10);
        for (var revision = 1; revision <= 5_000; revision++)
        {
            history.Add(Entry(revision, client: $"tab{revision}", seq: 1));
        }

        var stored = history.Clients();
        Assert.Equal(OperationHistory.MaxClientsKept, stored.Count);
        Assert.Equal(5_000, stored.Values.Max(client => client.Revision)); // the most recent are the ones kept
    }

    [Fact]
    public void A_client_id_is_its_first_users_alone()
    {
        var history = new OperationHistory();
        history.Add(Entry(1, client: "ada-tab", seq: 1)); // by user "u"

        Assert.Equal(SubmissionCheck.Foreign, history.Check("ada-tab", 2, "mallory"));
        Assert.Equal(SubmissionCheck.Foreign, history.Check("ada-tab", 1, "mallory")); // not even the answer to one of hers
        Assert.Equal(SubmissionCheck.New, history.Check("ada-tab", 2, "u"));
        Assert.Equal("u", history.Clients()["ada-tab"].UserId); // and so it is stored

        var restored = new OperationHistory();
        restored.RestoreClients(history.Clients());
        Assert.Equal(SubmissionCheck.Foreign, restored.Check("ada-tab", 2, "mallory"));
    }
}
