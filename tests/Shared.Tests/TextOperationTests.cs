using System.Text.Json;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

public class TextOperationTests
{
    [Fact]
    public void Uses_ot_js_json_form()
    {
        var operation = new TextOperation().Retain(3).Insert("hi").Delete(2).Retain(1);
        Assert.Equal("""[3,"hi",-2,1]""", JsonSerializer.Serialize(operation));
        Assert.Equal((6, 6), (operation.BaseLength, operation.TargetLength));
        Assert.Equal("abchif", operation.Apply("abcdef"));
    }

    [Fact]
    public void Merges_neighbours_and_puts_inserts_before_deletes()
    {
        var deleteFirst = new TextOperation().Retain(1).Retain(1).Delete(1).Insert("x").Insert("y").Delete(1);
        var insertFirst = new TextOperation().Retain(2).Insert("xy").Delete(2);
        Assert.Equal(insertFirst, deleteFirst);
        Assert.Equal("""[2,"xy",-2]""", JsonSerializer.Serialize(deleteFirst));
    }

    [Fact]
    public void Where_both_insert_at_one_place_the_transformed_in_operation_goes_first()
    {
        var a = new TextOperation().Retain(1).Insert("A").Retain(1);
        var b = new TextOperation().Retain(1).Insert("B").Retain(1);
        var (aPrime, bPrime) = TextOperation.Transform(a, b);
        Assert.Equal("xABy", bPrime.Apply(a.Apply("xy")));
        Assert.Equal("xABy", aPrime.Apply(b.Apply("xy")));
    }

    [Fact]
    public void Refuses_a_document_of_another_length()
    {
        var error = Assert.Throws<TextOperationException>(() => new TextOperation().Retain(5).Apply("abc"));
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
        Assert.Throws<TextOperationException>(() => TextOperation.Compose(new TextOperation().Retain(1), new TextOperation().Retain(2)));
        Assert.Throws<TextOperationException>(() => TextOperation.Transform(new TextOperation().Retain(1), new TextOperation().Retain(2)));
    }

    [Fact]
    public void Knows_a_no_op()
    {
        Assert.True(new TextOperation().IsNoop);
        Assert.True(new TextOperation().Retain(4).IsNoop);
        Assert.False(new TextOperation().Retain(4).Insert("x").IsNoop);
        Assert.Equal("retain 1, insert \"x\", delete 2", new TextOperation().Retain(1).Insert("x").Delete(2).ToString());
    }
}
