using System.Text;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

public class TextDocumentTests
{
    [Fact]
    public void Applies_operations_in_place_as_Apply_does_on_strings_and_keeps_its_UTF8_size()
    {
        var random = new Random(42);
        var text = string.Concat(Enumerable.Repeat("line of code é 😀\r\n", 3000)); // ~60 KB, several StringBuilder chunks
        var document = new TextDocument(text);
        for (var i = 0; i < 2000; i++)
        {
            var operation = RandomEdit(random, text);
            text = operation.Apply(text);
            document.Apply(operation);
        }

        Assert.Equal(text, document.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(text), document.Utf8Bytes);
    }

    [Fact]
    public void Tells_the_size_an_operation_would_give_without_applying_it()
    {
        var document = new TextDocument("abc");
        var operation = new TextOperation.Builder().Retain(1).Delete(1).Insert("😀é").Retain(1).Build();

        Assert.Equal(Encoding.UTF8.GetByteCount("a😀éc"), document.Utf8BytesAfter(operation));
        Assert.Equal("abc", document.ToString());
    }

    [Fact]
    public void Refuses_unchanged_an_operation_of_the_wrong_length_or_one_cutting_a_surrogate_pair()
    {
        var document = new TextDocument("a😀b");

        Assert.Throws<TextOperationException>(() => document.Apply(new TextOperation.Builder().Retain(3).Build()));
        Assert.Throws<TextOperationException>(() => document.Apply(new TextOperation.Builder().Retain(2).Insert("x").Retain(2).Build()));
        Assert.Equal("a😀b", document.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount("a😀b"), document.Utf8Bytes);
    }

    private static TextOperation RandomEdit(Random random, string text)
    {
        int Boundary(int at) => at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;
        var start = Boundary(random.Next(text.Length + 1));
        var end = Boundary(Math.Min(text.Length, start + random.Next(0, 6)));
        var insert = random.Next(3) switch { 0 => "", 1 => "x", _ => "ü😀" };
        return new TextEdit(start, end - start, insert).ToOperation(text.Length);
    }

    [Fact]
    public void Gives_part_of_its_text_on_either_side_of_the_gap()
    {
        var document = new TextDocument("hello world");
        document.Apply(new TextOperation.Builder().Retain(5).Insert(",").Retain(6).Build()); // the gap after the comma

        var text = document.ToString();
        for (var start = 0; start <= text.Length; start++)
        {
            for (var length = 0; start + length <= text.Length; length++)
            {
                Assert.Equal(text.Substring(start, length), document.Substring(start, length));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => document.Substring(10, 3));
    }
}
