using Interview.Shared.Text;

namespace Interview.Shared.Tests;

/// <summary>apply, compose, transform and invert over 10,000 random cases each (fixed seeds: failures reproduce).</summary>
public class TextOperationPropertyTests
{
    private const int Cases = 10_000;

    [Fact]
    public void Apply_gives_the_edited_text()
    {
        var edits = new RandomEdits(1);
        for (var i = 0; i < Cases; i++)
        {
            var document = edits.Document();
            var (operation, expected) = edits.Operation(document);
            Assert.Equal(expected, operation.Apply(document));
            Assert.Equal(expected.Length, operation.TargetLength);
        }
    }

    [Fact]
    public void Applying_a_composition_equals_applying_both()
    {
        var edits = new RandomEdits(2);
        for (var i = 0; i < Cases; i++)
        {
            var document = edits.Document();
            var (a, afterA) = edits.Operation(document);
            var (b, afterB) = edits.Operation(afterA);
            Assert.Equal(afterB, TextOperation.Compose(a, b).Apply(document));
        }
    }

    [Fact]
    public void Transformed_operations_converge()
    {
        var edits = new RandomEdits(3);
        for (var i = 0; i < Cases; i++)
        {
            var document = edits.Document();
            var (a, afterA) = edits.Operation(document);
            var (b, afterB) = edits.Operation(document);
            var (aPrime, bPrime) = TextOperation.Transform(a, b);
            Assert.Equal(bPrime.Apply(afterA), aPrime.Apply(afterB));
        }
    }

    [Fact]
    public void An_inverse_undoes_the_operation()
    {
        var edits = new RandomEdits(4);
        for (var i = 0; i < Cases; i++)
        {
            var document = edits.Document();
            var (operation, after) = edits.Operation(document);
            Assert.Equal(document, operation.Invert(document).Apply(after));
        }
    }

    [Fact]
    public void Json_round_trips()
    {
        var edits = new RandomEdits(5);
        for (var i = 0; i < Cases; i++)
        {
            var (operation, _) = edits.Operation(edits.Document());
            var json = System.Text.Json.JsonSerializer.Serialize(operation);
            Assert.Equal(operation, System.Text.Json.JsonSerializer.Deserialize<TextOperation>(json));
        }
    }
}
