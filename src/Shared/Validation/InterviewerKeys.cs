using System.Security.Cryptography;
using System.Text;

namespace Interview.Shared.Validation;

/// <summary>
/// The key that makes a connection an interviewer (docs/protocol.md, "Roles, notes, ending and
/// activity"): 256 random bits, unpadded base64url (43 characters). A session keeps only its SHA-256
/// hash: the key is random, so a fast hash loses nothing, and the store never holds what opens the session.
/// </summary>
public static class InterviewerKeys
{
    public const int Length = RandomSecrets.Length;

    public static string New() => RandomSecrets.New();

    /// <summary>The hash of any string given as a key, well formed or not: a wrong shape is refused as a wrong key, never told apart.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Compared in constant time; a session without a key matches nothing.</summary>
    public static bool Match(byte[]? expected, byte[]? given) =>
        expected is { Length: > 0 } && given is not null && CryptographicOperations.FixedTimeEquals(expected, given);
}
