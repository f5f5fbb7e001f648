using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class UsernamesTests
{
    [Theory]
    [InlineData(null, "Anonymous")]
    [InlineData("", "Anonymous")]
    [InlineData("   ", "Anonymous")]
    [InlineData("  Ada  ", "Ada")]
    [InlineData("Ada\u0000\u0007 Lovelace\n", "Ada Lovelace")]
    [InlineData("\u200B\u0001", "Anonymous")]
    [InlineData("Zoë 👩‍💻", "Zoë 👩‍💻")]
    public void Cleans_display_names(string? raw, string expected) => Assert.Equal(expected, Usernames.Clean(raw));

    [Fact]
    public void Cuts_at_50_characters_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(50, Usernames.Clean(new string('a', 80)).Length);
        var cleaned = Usernames.Clean(new string('a', 49) + "😀😀");
        Assert.Equal(new string('a', 49), cleaned);
    }
}
