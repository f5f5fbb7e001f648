namespace Interview.Client.Services;

/// <summary>
/// The two links of a session (docs/protocol.md, "Roles, notes, ending and activity"): the candidate's,
/// {origin}/session/{id}, and the interviewer's, the same with #interviewer={key}. The key sits in the
/// fragment, which a browser never sends.
/// </summary>
public static class InterviewerLink
{
    private const string Marker = "#interviewer=";

    /// <summary>Longer than any key (43 characters): past this, what a link holds is not looked at.</summary>
    private const int MaxKeyLength = 128;

    public static string ForCandidate(string baseUri, string sessionId) => $"{baseUri.TrimEnd('/')}/session/{sessionId}";

    public static string ForInterviewer(string baseUri, string sessionId, string key) => ForCandidate(baseUri, sessionId) + Marker + key;

    /// <summary>What the address's #interviewer= holds: null without one, "" when it holds no possible key.</summary>
    public static string? KeyIn(string uri)
    {
        var at = uri.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var key = uri[(at + Marker.Length)..];
        return IsKeyShaped(key) ? key : string.Empty;
    }

    /// <summary>The address without its fragment, for the address bar once the key is stored.</summary>
    public static string WithoutFragment(string uri) => uri.IndexOf('#', StringComparison.Ordinal) is var at and >= 0 ? uri[..at] : uri;

    /// <summary>Base64url characters, not too many: the server says whether it is the key.</summary>
    public static bool IsKeyShaped(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
