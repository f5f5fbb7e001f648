using System.Security.Cryptography;
using System.Text;

namespace Interview.Shared.Validation;

/// <summary>
/// The secret that binds a userId to whoever holds it in one session: 32 random bytes, base64url
/// (43 characters). A join naming a present user's id must carry it (docs/protocol.md, "Identity").
/// </summary>
public static class UserTokens
{
    public const int Length = RandomSecrets.Length;

    public static string New() => RandomSecrets.New();

    public static bool IsWellFormed(string? token) => RandomSecrets.IsWellFormed(token);

    /// <summary>Compared in constant time, so response timing says nothing of how much of a guess was right.</summary>
    public static bool Match(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
}
