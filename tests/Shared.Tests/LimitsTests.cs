using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class LimitsTests
{
    [Fact]
    public void Code_of_exactly_100_KB_fits() => Assert.True(Limits.CodeFits(new string('x', 100 * 1024)));

    [Fact]
    public void Code_one_byte_over_100_KB_does_not() => Assert.False(Limits.CodeFits(new string('x', 100 * 1024 + 1)));

    [Fact]
    public void Size_is_counted_in_UTF8_bytes_not_characters()
    {
        var euros = new string('€', 100 * 1024 / 3); // 3 bytes each: 102,399 bytes
        Assert.True(Limits.CodeFits(euros));
        Assert.False(Limits.CodeFits(euros + "€"));
    }

    [Fact]
    public void Surrogate_pairs_count_four_bytes()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100 * 1024 / 4));
        Assert.True(Limits.CodeFits(emoji));
        Assert.False(Limits.CodeFits(emoji + "a"));
    }

    [Fact]
    public void Output_of_10_KB_with_its_cut_marker_fits_and_more_does_not()
    {
        Assert.True(Limits.OutputFits(new string('x', 10 * 1024) + "\n… output cut at 10 KB (989761 more bytes not shown)"));
        Assert.False(Limits.OutputFits(new string('x', 11 * 1024)));
        Assert.False(Limits.OutputFits(new string('€', 4 * 1024))); // 12 KB in UTF-8
    }
}
