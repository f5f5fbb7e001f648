using System.Globalization;
using System.Text;

namespace Interview.Shared.Validation;

/// <summary>
/// Display names, shown as typed but never as someone else: control and format characters (bidirectional
/// overrides and isolates, zero-width spaces and joiners, tag characters), private-use and unassigned code
/// points, and blank look-alikes (Hangul fillers, the braille blank) are removed; every kind of space becomes
/// one plain space; marks stacked past four on one letter are dropped; at most 50 UTF-16 characters. A
/// zero-width joiner stays only between two pictographs, where it builds one emoji (👩‍💻).
/// </summary>
public static class Usernames
{
    public const string Anonymous = "Anonymous";

    private const int MaxStackedMarks = 4;
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>The name to show; Anonymous for none, or for one with nothing visible in it.</summary>
    public static string Clean(string? username) => Visible(username) is { Length: > 0 } visible ? visible : Anonymous;

    /// <summary>A name was given (not null or empty) but nothing in it would show: the hub refuses it.</summary>
    public static bool IsBlank(string? username) => !string.IsNullOrEmpty(username) && Visible(username).Length == 0;

    /// <summary>
    /// What two names are compared by when telling participants apart: case-folded, with full-width forms
    /// and the mathematical letters and digits read as the plain ones, so "ALICE", "alice", "ａｌｉｃｅ" and
    /// "𝐀𝐥𝐢𝐜𝐞" count as one name; variation selectors, invisible on a letter, are passed over. Done by
    /// hand: the processes run with invariant globalization, where string.Normalize leaves compatibility
    /// forms as they are. Letters of other scripts that merely look Latin (Cyrillic "А") are not folded.
    /// </summary>
    public static string Likeness(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            // Variation selectors stay in a name (an emoji needs its own), but on a letter they show
            // nothing: "Alice" with one must still be another "Alice".
            if (rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0x180B and <= 0x180D) or 0x180F)
            {
                continue;
            }

            var value = rune.Value switch
            {
                >= 0xFF01 and <= 0xFF5E => rune.Value - 0xFEE0, // full-width ASCII
                >= 0x1D400 and <= 0x1D6A3 => ((rune.Value - 0x1D400) % 52) switch { var i and < 26 => 'A' + i, var i => 'a' + i - 26 },
                >= 0x1D7CE and <= 0x1D7FF => '0' + (rune.Value - 0x1D7CE) % 10,
                _ => rune.Value,
            };
            builder.Append(Rune.ToUpperInvariant(new Rune(value)).ToString());
        }

        return builder.ToString();
    }

    private static string Visible(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return string.Empty;
        }

        var runes = username.EnumerateRunes().ToList();
        var builder = new StringBuilder(Math.Min(username.Length, Limits.MaxUsernameLength));
        var marks = 0;
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || (category == UnicodeCategory.Control && Rune.IsWhiteSpace(rune)))
            {
                rune = new Rune(' ');
            }
            else if (rune.Value == ZeroWidthJoiner && FollowsPictograph(runes, i) && i + 1 < runes.Count && Rune.GetUnicodeCategory(runes[i + 1]) == UnicodeCategory.OtherSymbol)
            {
                // kept: part of one emoji
            }
            else if (IsInvisible(rune, category))
            {
                continue;
            }

            marks = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? marks + 1 : 0;
            if (marks > MaxStackedMarks || (rune.Value == ' ' && (builder.Length == 0 || builder[^1] == ' ')))
            {
                continue;
            }

            if (builder.Length + rune.Utf16SequenceLength > Limits.MaxUsernameLength)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString().TrimEnd(' ');
    }

    private static bool IsInvisible(Rune rune, UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x034F or 0xFFFD or 0x17B4 or 0x17B5;

    private static bool FollowsPictograph(List<Rune> runes, int joiner)
    {
        // An emoji's variation selector or skin tone may sit between the pictograph and the joiner.
        var index = joiner - 1;
        while (index >= 0 && runes[index].Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0x1F3FB and <= 0x1F3FF))
        {
            index--;
        }

        return index >= 0 && Rune.GetUnicodeCategory(runes[index]) == UnicodeCategory.OtherSymbol;
    }
}
