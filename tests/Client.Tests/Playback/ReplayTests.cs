using Interview.Client.Playback;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using static Interview.Client.Tests.Playback.RecordingSamples;

namespace Interview.Client.Tests.Playback;

/// <summary>The replay model: the code, its authors, the notes, the language and the run at every event.</summary>
public class ReplayTests
{
    [Fact]
    public void Every_moment_shows_the_code_notes_language_and_run_as_they_were()
    {
        var replay = new Replay(Created, new RecordingStart("", "javascript"), AnInterview());

        Assert.Equal(11, replay.Events.Count); // the unknown type skipped
        Assert.Equal(["Ada", "Cora"], replay.Participants.Select(p => p.Username));
        Assert.Equal("", replay.CodeAfter(-1).Text);
        Assert.Equal("ab", replay.CodeAfter(2).Text);
        Assert.Equal("aXb", replay.CodeAfter(5).Text);
        Assert.Equal([new AuthorRun(1, 0), new AuthorRun(1, 1), new AuthorRun(1, 0)], replay.CodeAfter(5).Runs);
        Assert.Null(replay.RunAfter(5));
        Assert.Equal("aXb", replay.RunAfter(6)!.Output);
        Assert.Equal("javascript", replay.LanguageAfter(7));
        Assert.Equal("python", replay.LanguageAfter(8));
        Assert.Equal("", replay.NotesAfter(8).Text);
        Assert.Equal("note", replay.NotesAfter(9).Text);
        Assert.Equal(0, replay.Unreadable);
        Assert.Equal(5, replay.IndexAt(Created.AddSeconds(6.5)));
        Assert.Equal(-1, replay.IndexAt(Created));
    }

    [Fact]
    public void An_operation_that_does_not_apply_is_left_out_and_counted()
    {
        var replay = new Replay(Created, new RecordingStart("abc", "python"), [Typed(1, "u", 1, Insert(0, "x", 10)), Typed(2, "u", 1, Insert(3, "!", 3))]);

        Assert.Equal(1, replay.Unreadable);
        Assert.Equal("abc!", replay.CodeAfter(replay.Events.Count - 1).Text);
        Assert.Equal([new AuthorRun(3, -1), new AuthorRun(1, 0)], replay.CodeAfter(0).Runs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_sessions_give_every_revisions_text_and_authors_exactly(int seed)
    {
        var random = new Random(seed);
        var (text, authors) = ("start\n", Enumerable.Repeat(-1, 6).ToList());
        var users = new[] { "u0", "u1", "u2" };
        var events = users.Select((u, i) => Join(0, u, u)).ToList();
        var expected = new List<(string Text, List<int> Authors)> { (text, [.. authors]) };
        for (var revision = 1; revision <= 1500; revision++)
        {
            var author = random.Next(users.Length);
            var builder = new TextOperation.Builder();
            var at = random.Next(text.Length + 1);
            var delete = text.Length > at && random.Next(3) == 0 ? Math.Min(text.Length - at, 1 + random.Next(5)) : 0;
            var insert = random.Next(4) == 0 && delete > 0 ? "" : new string((char)('a' + random.Next(26)), 1 + random.Next(3));
            builder.Retain(at).Delete(delete).Insert(insert).Retain(text.Length - at - delete);
            var operation = builder.Build();
            events.Add(Typed(revision, users[author], revision, operation));
            text = operation.Apply(text);
            authors.RemoveRange(at, delete);
            authors.InsertRange(at, Enumerable.Repeat(author, insert.Length));
            expected.Add((text, [.. authors]));
        }

        var replay = new Replay(Created, new RecordingStart("start\n", "javascript"), events);

        for (var revision = 0; revision < expected.Count; revision++)
        {
            var shown = replay.Code.At(revision);
            Assert.Equal(expected[revision].Text, shown.Text);
            Assert.Equal(expected[revision].Authors, shown.Runs.SelectMany(run => Enumerable.Repeat(run.Author, run.Length)));
        }

        Assert.All(replay.Code.At(1500).Runs, run => Assert.True(run.Length > 0));
    }
}
