using System.Text;
using System.Text.Json;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

/// <summary>
/// Operations as a hostile participant would write them: counts at and past 32 bits, merges that
/// overflow, too many components, and shapes that are costly to build. Each is refused as an
/// operation error (never an overflow or another exception), and building one stays linear.
/// </summary>
public class HostileOperationTests
{
    private static TextOperation Read(string json) => JsonSerializer.Deserialize<TextOperation>(json)!;

    [Theory]
    [InlineData("[10,-2147483647,-2147483647,79]")] // once merged into a delete of -2
    [InlineData("[10,-2147483647,-2147478647,5079]")]
    [InlineData("[2147483647,\"x\",2147483647,90]")] // retains that overflow when merged
    [InlineData("[2147483647,2147483647]")]
    [InlineData("[-2147483648]")] // -int.MinValue does not fit an int
    [InlineData("[2147483648]")]
    [InlineData("[-9223372036854775808]")]
    [InlineData("[18446744073709551616]")]
    [InlineData("[1.5]")]
    [InlineData("[0]")]
    [InlineData("[\"\"]")]
    [InlineData("[[1]]")]
    [InlineData("[true]")]
    [InlineData("{\"retain\":1}")]
    public void A_hostile_operation_is_refused_as_such(string json)
    {
        var error = Record.Exception(() => Read(json));
        Assert.IsType<TextOperationException>(error);
    }

    [Fact]
    public void Lengths_that_would_pass_32_bits_are_refused_while_building()
    {
        var building = new TextOperation.Builder().Retain(int.MaxValue);
        Assert.Throws<TextOperationException>(() => building.Retain(1));
        Assert.Throws<TextOperationException>(() => new TextOperation.Builder().Insert("x").Retain(int.MaxValue));
        Assert.Throws<TextOperationException>(() => new TextOperation.Builder().Delete(int.MaxValue).Delete(1));
        var operation = building.Build();
        Assert.Equal((int.MaxValue, int.MaxValue), (operation.BaseLength, operation.TargetLength)); // the refused step changed nothing
    }

    [Fact]
    public void At_most_20001_components_are_read()
    {
        var atLimit = "[" + string.Join(',', Enumerable.Repeat("1,\"x\"", 10_000)) + ",1]";
        Assert.Equal(20_001, Read(atLimit).Components.Count);
        Assert.Throws<TextOperationException>(() => Read(atLimit[..^1] + ",\"x\"]"));
    }

    [Fact]
    public void Many_merged_inserts_are_built_into_one_without_copying_each_time()
    {
        var json = "[" + string.Join(',', Enumerable.Repeat("\"ab\"", 20_000)) + "]";
        var operation = Read(json);

        var insert = Assert.Single(operation.Components);
        Assert.Equal(40_000, insert.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 20_000)), operation.Apply(string.Empty));
        Assert.Equal(40_000, operation.TargetLength);
    }

    [Fact]
    public void Inserts_merged_across_deletes_keep_their_order()
    {
        var operation = new TextOperation.Builder().Insert("a").Delete(1).Insert("b").Insert("c").Delete(2).Insert("d").Retain(1).Build();
        Assert.Equal("abcdz", operation.Apply("wxyz"));
        Assert.Equal(["insert \"abcd\"", "delete 3", "retain 1"], operation.Components.Select(c => c.ToString()));
    }

    [Fact]
    public void Transform_through_a_delete_of_everything_merges_a_thousand_inserts_correctly()
    {
        // The submitted operation's inserts all end up side by side once the other deleted what lay between them.
        var document = new string('.', 1000);
        var building = new TextOperation.Builder();
        var concurrent = new TextOperation.Builder().Delete(document.Length).Build();
        var expected = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            building.Insert($"<{i}>").Retain(1);
            expected.Append($"<{i}>");
        }

        var submitted = building.Build();
        var (aPrime, bPrime) = TextOperation.Transform(submitted, concurrent);
        Assert.Equal(expected.ToString(), aPrime.Apply(concurrent.Apply(document)));
        Assert.Equal(bPrime.Apply(submitted.Apply(document)), aPrime.Apply(concurrent.Apply(document)));
    }

    [Fact]
    public void A_refused_operation_changes_neither_a_document_nor_its_size()
    {
        var random = new Random(7);
        var document = new TextDocument("héllo 😀 wörld\r\n");
        var (text, bytes) = (document.ToString(), document.Utf8Bytes);
        TextOperation[] refused =
        [
            new TextOperation.Builder().Retain(text.Length + 1).Build(),
            new TextOperation.Builder().Retain(text.Length - 1).Build(),
            new TextOperation.Builder().Retain(7).Insert("x").Retain(text.Length - 7).Build(), // inside the pair: 😀 is at 6 and 7
            new TextOperation.Builder().Retain(6).Delete(1).Retain(text.Length - 7).Build(),
            new TextOperation.Builder().Insert(new string('x', 1000)).Retain(text.Length + 3).Build(),
        ];

        for (var i = 0; i < 1000; i++)
        {
            var operation = refused[random.Next(refused.Length)];
            Assert.Throws<TextOperationException>(() => document.Apply(operation));
            Assert.Throws<TextOperationException>(() => document.Utf8BytesAfter(operation));
            Assert.Equal((text, bytes), (document.ToString(), document.Utf8Bytes));
        }

        document.Apply(new TextOperation.Builder().Retain(text.Length).Insert("!").Build());
        Assert.Equal((text + "!", bytes + 1), (document.ToString(), document.Utf8Bytes));
    }

    [Fact]
    public void An_operation_shared_between_threads_reads_the_same_everywhere()
    {
        for (var round = 0; round < 200; round++)
        {
            var operation = new TextOperation.Builder().Insert("a").Insert("b").Insert("c").Retain(2).Build();
            var seen = new string[8];
            Parallel.For(0, seen.Length, i => seen[i] = operation.Components[0].Text!);
            Assert.All(seen, text => Assert.Equal("abc", text));
        }
    }
}
