using System.Text;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;

namespace Interview.Grains.Tests;

/// <summary>
/// Random and adversarial submissions thrown at one session: operations that fit mixed with ones of the
/// wrong length, cutting a surrogate pair, growing the text past 100 KB, made against revisions that
/// never were, and repeats. Every refusal leaves the text, the revision, the journal and the size count
/// as they were; every acceptance is exactly one revision and one journal entry.
/// </summary>
[Collection(ClusterCollection.Name)]
public class RefusalPropertyTests(ClusterFixture fixture)
{
    private static readonly string[] Pieces = ["a", "b", " ", "\n", "\r\n", "é", "€", "😀", "👩‍💻"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Refusals_change_nothing_and_acceptances_one_revision_each(int seed)
    {
        var random = new Random(seed);
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var ada = Guid.NewGuid().ToString();
        var text = (await grain.Join(listener.Request("ada", ada, "Ada", ot: true))).Joined!.CurrentCode;
        var (revision, seq, refused) = (0L, 0L, 0);

        for (var step = 0; step < 400; step++)
        {
            var journaled = ClusterFixture.Journal.Raw(id).Count;
            var (operation, valid) = Next(random, text);
            var basedOn = valid && random.Next(8) == 0 ? revision + 1 + random.Next(1000) : revision; // a revision that never was
            var outcome = await grain.SubmitOperation("ada", new Submission("tab", seq + 1, basedOn, operation));
            if (valid && basedOn == revision)
            {
                Assert.True(outcome.Revision == revision + 1, $"step {step}: {operation} refused: {outcome.Error?.Message}");
                (text, revision, seq) = (operation.Apply(text), revision + 1, seq + 1);
                Assert.Equal(journaled + 1, ClusterFixture.Journal.Raw(id).Count);
            }
            else
            {
                Assert.True(outcome.Error is not null, $"step {step}: {operation} on revision {basedOn} accepted");
                Assert.Contains(outcome.Error!.Code, new[] { ErrorCodes.InvalidPayload, ErrorCodes.ResyncRequired });
                Assert.Equal(journaled, ClusterFixture.Journal.Raw(id).Count);
                refused++;
            }

            if (step % 25 == 0)
            {
                await AssertSessionAsync(grain, listener, text, revision);
            }
        }

        await AssertSessionAsync(grain, listener, text, revision);
        Assert.InRange(refused, 100, 300); // both kinds were really tried

        // The size count is the text's: it may grow to exactly 100 KB, not one byte past.
        var room = Limits.MaxCodeBytes - Encoding.UTF8.GetByteCount(text);
        var past = await grain.SubmitOperation("ada", new Submission("tab", seq + 1, revision, new TextOperation.Builder().Retain(text.Length).Insert(new string('x', room + 1)).Build()));
        Assert.Equal(ErrorCodes.InvalidPayload, past.Error?.Code);
        var full = await grain.SubmitOperation("ada", new Submission("tab", seq + 1, revision, new TextOperation.Builder().Retain(text.Length).Insert(new string('x', room)).Build()));
        Assert.Equal(revision + 1, full.Revision);
    }

    [Fact]
    public async Task A_refused_submission_uses_up_no_number()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        var text = (await grain.Join(listener.Request("ada", Guid.NewGuid().ToString(), "Ada", ot: true))).Joined!.CurrentCode;

        var tooLong = await grain.SubmitOperation("ada", new Submission("tab", 1, 0, new TextOperation.Builder().Retain(text.Length + 1).Build()));
        Assert.Equal(ErrorCodes.InvalidPayload, tooLong.Error?.Code);

        // The same number again is a new submission, not a repeat of the refused one.
        Assert.Equal(1, (await grain.SubmitOperation("ada", new Submission("tab", 1, 0, new TextOperation.Builder().Insert("a").Retain(text.Length).Build()))).Revision);
        Assert.Equal(1, (await grain.SubmitOperation("ada", new Submission("tab", 1, 0, new TextOperation.Builder().Insert("a").Retain(text.Length).Build()))).Revision); // a resend
        Assert.Equal(2, (await grain.SubmitOperation("ada", new Submission("tab", 9, 1, new TextOperation.Builder().Insert("b").Retain(text.Length + 1).Build()))).Revision);
        await AssertSessionAsync(grain, listener, "ba" + text, 2);
    }

    /// <summary>An operation over the text, and whether it should be accepted.</summary>
    private static (TextOperation Operation, bool Valid) Next(Random random, string text)
    {
        switch (random.Next(10))
        {
            case 0: // one character too long or too short
                var length = Math.Max(0, text.Length + (random.Next(2) == 0 ? 1 : -1));
                return (new TextOperation.Builder().Retain(length).Insert("x").Build(), length == text.Length);
            case 1 when text.IndexOf('\uD83D') is var pair and >= 0 && random.Next(2) == 0: // delete half of a surrogate pair
                return (new TextOperation.Builder().Retain(pair).Delete(1).Retain(text.Length - pair - 1).Build(), false);
            case 1 when text.IndexOf('\uD83D') is var pair and >= 0: // retain into the middle of a surrogate pair
                return (new TextOperation.Builder().Retain(pair + 1).Insert("x").Retain(text.Length - pair - 1).Build(), false);
            case 2: // past 100 KB
                return (new TextOperation.Builder().Retain(text.Length).Insert(new string('€', (Limits.MaxCodeBytes / 3) + 1)).Build(), false);
            case 3: // huge but whole: everything replaced by something that fits
                return (new TextOperation.Builder().Insert(new string('h', random.Next(1, 2000))).Delete(text.Length).Build(), true);
            default:
                return (RandomEdit(random, text), true);
        }
    }

    private static TextOperation RandomEdit(Random random, string text)
    {
        var operation = new TextOperation.Builder();
        var position = 0;
        while (position < text.Length)
        {
            var span = Math.Min(text.Length - position, random.Next(1, 8));
            if (position + span < text.Length && char.IsHighSurrogate(text[position + span - 1]))
            {
                span++;
            }

            switch (random.Next(4))
            {
                case 0:
                    operation.Delete(span);
                    break;
                case 1:
                    operation.Insert(Pieces[random.Next(Pieces.Length)]).Retain(span);
                    break;
                default:
                    operation.Retain(span);
                    break;
            }

            position += span;
        }

        return operation.Insert(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : string.Empty).Build();
    }

    private static async Task AssertSessionAsync(ISessionGrain grain, SessionListener listener, string text, long revision)
    {
        var snapshot = (await grain.Join(listener.Request("probe", Guid.NewGuid().ToString(), "Probe"))).Joined!;
        await grain.Leave("probe");
        Assert.Equal((text, revision), (snapshot.CurrentCode, snapshot.Revision));
    }
}
