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
    [InlineData("👍🏽 Kim", "👍🏽 Kim")]
    public void Cleans_display_names(string? raw, string expected) => Assert.Equal(expected, Usernames.Clean(raw));

    [Theory]
    [InlineData("\u202EecilA", "ecilA")] // right-to-left override: shown as the letters typed, in their order
    [InlineData("Al\u2066ice\u2069", "Alice")] // isolates
    [InlineData("A\u200Bl\u200Ci\u200Dc\u2060e\uFEFF", "Alice")] // zero-width space, non-joiner, joiner between letters, word joiner, BOM
    [InlineData("Alice\u00AD", "Alice")] // soft hyphen
    [InlineData("Alice\U000E0041\U000E0042", "Alice")] // tag characters
    [InlineData("Alice\uE000", "Alice")] // private use
    [InlineData("Ali\u00A0\u3000\u2003ce", "Ali ce")] // every kind of space is one plain space
    [InlineData("Alice \u2028 Bob", "Alice Bob")]
    [InlineData("Alice\u3164\u2800", "Alice")] // Hangul filler, braille blank
    [InlineData("Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307oe", "Z\u0301\u0302\u0303\u0304oe")] // marks stacked past four
    public void Removes_what_would_let_a_name_pass_for_another(string raw, string expected) => Assert.Equal(expected, Usernames.Clean(raw));

    [Theory]
    [InlineData("   ", true)]
    [InlineData("\u200B\u202E\u2066", true)]
    [InlineData("\u3164\u3164", true)]
    [InlineData("\u00A0", true)]
    [InlineData("", false)] // not given: Anonymous
    [InlineData(null, false)]
    [InlineData("Ada", false)]
    public void Tells_a_blank_name_from_none(string? raw, bool blank) => Assert.Equal(blank, Usernames.IsBlank(raw));

    [Fact]
    public void Names_that_look_alike_are_alike()
    {
        Assert.Equal(Usernames.Likeness("Alice"), Usernames.Likeness("ALICE"));
        Assert.Equal(Usernames.Likeness("Alice"), Usernames.Likeness("\uFF21lice")); // full-width A
        Assert.Equal(Usernames.Likeness("Alice7"), Usernames.Likeness("𝐀𝐥𝐢𝐜𝐞𝟕")); // mathematical bold
        Assert.NotEqual(Usernames.Likeness("Alice"), Usernames.Likeness("Alicia"));
    }

    [Theory]
    [InlineData("Alice\uFE0F")] // a variation selector on a letter: nothing shows, "Alice" is shown
    [InlineData("Al\uFE0Eice\uFE00")]
    [InlineData("Alice\U000E0100")] // the supplement's
    [InlineData("Ali\u180Bce\u180F")] // Mongolian free variation selectors
    public void Invisible_selectors_do_not_make_a_name_another(string raw)
    {
        // They are marks, so cleaning keeps them (an emoji needs its selector), and they show nothing on a
        // letter: a second "Alice" with one used to pass unmarked beside the first.
        Assert.Equal(Usernames.Likeness("Alice"), Usernames.Likeness(Usernames.Clean(raw)));
    }

    [Fact]
    public void Cuts_at_50_characters_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(50, Usernames.Clean(new string('a', 80)).Length);
        var cleaned = Usernames.Clean(new string('a', 49) + "😀😀");
        Assert.Equal(new string('a', 49), cleaned);
    }
}
