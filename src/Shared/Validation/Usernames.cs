using System.Text;

namespace Interview.Shared.Validation;

/// <summary>Display names: optional, trimmed, control characters removed, at most 50 characters.</summary>
public static class Usernames
{
    public const string Anonymous = "Anonymous";

    public static string Clean(string? username)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return Anonymous;
        }

        var builder = new StringBuilder(Math.Min(username.Length, Limits.MaxUsernameLength));
        foreach (var rune in username.Trim().EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is 0x200B or 0x200E or 0x200F or 0x2028 or 0x2029 or 0xFEFF)
            {
                continue;
            }

            if (builder.Length + rune.Utf16SequenceLength > Limits.MaxUsernameLength)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? Anonymous : cleaned;
    }
}
