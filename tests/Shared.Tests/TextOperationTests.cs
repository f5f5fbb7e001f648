using System.Text.Json;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

public class TextOperationTests
{
    [Fact]
    public void Uses_ot_js_json_form()
    {
        var operation = new TextOperation.Builder().Retain(3).Insert("hi").Delete(2).Retain(1).Build();
        Assert.Equal("""[3,"hi",-2,1]""", JsonSerializer.Serialize(operation));
        Assert.Equal((6, 6), (operation.BaseLength, operation.TargetLength));
        Assert.Equal("abchif", operation.Apply("abcdef"));
    }

    [Fact]
    public void Merges_neighbours_and_puts_inserts_before_deletes()
    {
        var deleteFirst = new TextOperation.Builder().Retain(1).Retain(1).Delete(1).Insert("x").Insert("y").Delete(1).Build();
        var insertFirst = new TextOperation.Builder().Retain(2).Insert("xy").Delete(2).Build();
        Assert.Equal(insertFirst, deleteFirst);
        Assert.Equal("""[2,"xy",-2]""", JsonSerializer.Serialize(deleteFirst));
    }

    [Fact]
    public void Where_both_insert_at_one_place_the_transformed_in_operation_goes_first()
    {
        var a = new TextOperation.Builder().Retain(1).Insert("A").Retain(1).Build();
        var b = new TextOperation.Builder().Retain(1).Insert("B").Retain(1).Build();
        var (aPrime, bPrime) = TextOperation.Transform(a, b);
        Assert.Equal("xABy", bPrime.Apply(a.Apply("xy")));
        Assert.Equal("xABy", aPrime.Apply(b.Apply("xy")));
    }

    [Fact]
    public void Refuses_a_document_of_another_length()
    {
        var error = Assert.Throws<TextOperationException>(() => new TextOperation.Builder().Retain(5).Build().Apply("abc"));
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> CutsOfAPair => new()
    {
        """[2,-2]""",        // retain ends between the two halves of 😀
        """[1,-1,2]""",      // a delete ends inside it
        """[2,"x",2]""",     // an insert lands inside it
    };

    [Theory]
    [MemberData(nameof(CutsOfAPair))]
    public void Refuses_to_cut_a_surrogate_pair(string json)
    {
        var operation = JsonSerializer.Deserialize<TextOperation>(json)!;
        Assert.Throws<TextOperationException>(() => operation.Apply("a😀b"));
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[1.5]")]
    [InlineData("[\"\"]")]
    [InlineData("[\"\\ud83d\"]")]
    [InlineData("[\"\\ude00x\"]")]
    [InlineData("[true]")]
    [InlineData("[[1]]")]
    [InlineData("[{\"retain\":1}]")]
    [InlineData("{\"ops\":[1]}")]
    [InlineData("\"insert\"")]
    [InlineData("[2147483648]")]
    public void Refuses_malformed_json(string json) =>
        Assert.Throws<TextOperationException>(() => JsonSerializer.Deserialize<TextOperation>(json));

    [Fact]
    public void Composition_and_transformation_check_their_lengths()
    {
        Assert.Throws<TextOperationException>(() => TextOperation.Compose(new TextOperation.Builder().Retain(1).Build(), new TextOperation.Builder().Retain(2).Build()));
        Assert.Throws<TextOperationException>(() => TextOperation.Transform(new TextOperation.Builder().Retain(1).Build(), new TextOperation.Builder().Retain(2).Build()));
    }

    [Fact]
    public void Knows_a_no_op()
    {
        Assert.True(new TextOperation.Builder().Build().IsNoop);
        Assert.True(new TextOperation.Builder().Retain(4).Build().IsNoop);
        Assert.False(new TextOperation.Builder().Retain(4).Insert("x").Build().IsNoop);
        Assert.Equal("retain 1, insert \"x\", delete 2", new TextOperation.Builder().Retain(1).Insert("x").Delete(2).Build().ToString());
    }

    [Fact]
    public void A_built_operation_stays_as_it_was_while_its_builder_goes_on()
    {
        var builder = new TextOperation.Builder().Retain(1).Insert("a");
        var first = builder.Build();
        builder.Insert("b").Delete(1);

        Assert.Equal("retain 1, insert \"a\"", first.ToString());
        Assert.Equal((1, 2), (first.BaseLength, first.TargetLength));
        Assert.Equal("retain 1, insert \"ab\", delete 1", builder.Build().ToString());
        Assert.IsNotType<List<Component>>(first.Components); // read-only: no cast gets a mutable list
    }

    [Fact]
    public void Inverts_on_a_document_as_on_its_text()
    {
        var random = new RandomEdits(5);
        for (var i = 0; i < 200; i++)
        {
            var text = random.Document();
            var document = new TextDocument("xx" + text);
            document.Apply(new TextOperation.Builder().Delete(2).Retain(text.Length).Build()); // a gap at the start
            var (operation, _) = random.Operation(text);

            Assert.Equal(operation.Invert(text), operation.Invert(document));
            Assert.Equal(text, operation.Invert(document).Apply(operation.Apply(text)));
        }
    }
}
