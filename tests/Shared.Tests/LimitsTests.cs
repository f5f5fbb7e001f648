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
}
