using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Interview.Gateway.Recording;

/// <summary>
/// A page cursor of GET /api/sessions/{id}/recording: the next event's index and a MAC of it, keyed by the
/// interviewer key's hash, over the session's id. A cursor is good only for the session and the key it
/// was made for, and one the server did not make is refused, not read as an index; no secret of the
/// gateway's own is needed, so every gateway of a cluster reads every other's cursors.
/// </summary>
public static class RecordingCursor
{
    private const int MacBytes = 16;

    public static string Make(Guid sessionId, byte[] interviewerKeyHash, long from) =>
        $"{from.ToString(CultureInfo.InvariantCulture)}.{Base64Url(Mac(sessionId, interviewerKeyHash, from))}";

    /// <summary>The index a cursor stands for, or null for one this server did not make for this session and key.</summary>
    public static long? Read(string cursor, Guid sessionId, byte[] interviewerKeyHash)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot > 19 || !long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            return null;
        }

        var given = cursor.AsSpan(dot + 1);
        var expected = Base64Url(Mac(sessionId, interviewerKeyHash, from));
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given.ToString()), Encoding.ASCII.GetBytes(expected))
            ? from
            : null;
    }

    private static byte[] Mac(Guid sessionId, byte[] interviewerKeyHash, long from) =>
        HMACSHA256.HashData(interviewerKeyHash, Encoding.ASCII.GetBytes($"recording/{sessionId:N}/{from.ToString(CultureInfo.InvariantCulture)}"))[..MacBytes];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
