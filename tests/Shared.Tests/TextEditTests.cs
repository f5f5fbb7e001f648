using Interview.Shared.Text;

namespace Interview.Shared.Tests;

public class TextEditTests
{
    [Theory]
    [InlineData("hello world", "hello brave world", 6, 0, "brave ")]
    [InlineData("abc", "abc", 3, 0, "")]
    [InlineData("abc", "", 0, 3, "")]
    [InlineData("", "xyz", 0, 0, "xyz")]
    [InlineData("aaa", "aaaa", 3, 0, "a")]
    [InlineData("line1\nline2", "line0\nline1\nline2", 4, 0, "0\nline")]
    public void Replaces_only_what_differs(string before, string after, int start, int delete, string insert)
    {
        var edit = TextEdit.Between(before, after);
        Assert.Equal(new TextEdit(start, delete, insert), edit);
        Assert.Equal(after, edit.ToOperation(before.Length).Apply(before));
    }

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var edit = TextEdit.Between("a😀b", "a😃b"); // same high surrogate, different low one
        Assert.Equal(new TextEdit(1, 2, "😃"), edit);
    }

    [Fact]
    public void Turns_any_text_into_any_other()
    {
        var random = new Random(1234);
        string Text() => new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => "ab\n😀é"[random.Next(0, 5)]).ToArray());
        for (var i = 0; i < 5000; i++)
        {
            var (before, after) = (Text(), Text());
            var edit = TextEdit.Between(before, after);
            Assert.Equal(after, edit.ToOperation(before.Length).Apply(before));
            Assert.True(edit.Start + edit.DeleteLength <= before.Length);
        }
    }
}

public class TextEditOperationTests
{
    [Fact]
    public void An_edit_becomes_the_operation_that_makes_the_same_change()
    {
        var random = new RandomEdits(6);
        for (var i = 0; i < 10_000; i++)
        {
            var (before, after) = (random.Document(), random.Document());
            Assert.Equal(after, TextEdit.Between(before, after).ToOperation(before.Length).Apply(before));
        }
    }
}
