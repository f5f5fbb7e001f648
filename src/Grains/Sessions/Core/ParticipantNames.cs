namespace Interview.Grains.Sessions.Core;

/// <summary>
/// The name as typed, unless another participant shows one that looks the same: then the lowest free
/// " (n)" is added, as chat tools do, so nobody can appear as someone else
/// (docs/protocol.md, "Participants and names").
/// </summary>
public static class ParticipantNames
{
    public static string Unique(string username, IEnumerable<string> others)
    {
        var taken = others.Select(Usernames.Likeness).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(Usernames.Likeness(username)))
        {
            return username;
        }

        for (var n = 2; ; n++)
        {
            var suffix = $" ({n})";
            var candidate = Shorten(username, Limits.MaxUsernameLength - suffix.Length) + suffix;
            if (!taken.Contains(Usernames.Likeness(candidate)))
            {
                return candidate;
            }
        }
    }

    private static string Shorten(string text, int length)
    {
        if (length < 0 || text.Length <= length)
        {
            return length < 0 ? string.Empty : text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
