using Interview.Client.Playback;
using Interview.Shared.Text;

namespace Interview.Client.Tests.Playback;

/// <summary>The authored text changed in place (AuthoredDocument) against a plain model: a string and one author per character.</summary>
public class AuthoredDocumentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_by_three_authors_give_the_models_text_and_authors(int seed)
    {
        var random = new Random(seed);
        var (text, authors) = ("start", Enumerable.Repeat(-1, 5).ToList());
        var document = new AuthoredDocument(AuthoredText.Initial(text));
        for (var step = 0; step < 2000; step++)
        {
            var (place, author) = (random.Next(text.Length + 1), random.Next(3));
            var deleted = Math.Min(random.Next(4), text.Length - place);
            var inserted = random.Next(3) == 0 ? string.Empty : new string((char)('a' + author), random.Next(1, 6));
            var operation = new TextOperation.Builder().Retain(place).Insert(inserted).Delete(deleted).Retain(text.Length - place - deleted).Build();

            Assert.True(document.Apply(operation, author));
            text = operation.Apply(text);
            authors.RemoveRange(place, deleted);
            authors.InsertRange(place, Enumerable.Repeat(author, inserted.Length));
        }

        var snapshot = document.Snapshot();
        Assert.Equal(text, snapshot.Text);
        Assert.Equal(authors, snapshot.Runs.SelectMany(r => Enumerable.Repeat(r.Author, r.Length)));
        Assert.DoesNotContain(snapshot.Runs.Zip(snapshot.Runs.Skip(1)), pair => pair.First.Author == pair.Second.Author); // runs merged
    }

    [Fact]
    public void An_operation_that_does_not_fit_changes_nothing()
    {
        var document = new AuthoredDocument(AuthoredText.Initial("a\U0001F600b"));

        Assert.False(document.Apply(new TextOperation.Builder().Retain(3).Build(), 0)); // wrong length
        Assert.False(document.Apply(new TextOperation.Builder().Retain(2).Insert("x").Retain(2).Build(), 0)); // inside the pair

        var snapshot = document.Snapshot();
        Assert.Equal("a\U0001F600b", snapshot.Text);
        Assert.Equal([new AuthorRun(4, -1)], snapshot.Runs);
    }
}
