using System.Security.Cryptography;

namespace Interview.Shared.Validation;

/// <summary>The shape of every secret the product hands out: 32 random bytes, unpadded base64url (43 characters).</summary>
public static class RandomSecrets
{
    public const int Length = 43;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string? secret) =>
        secret is { Length: Length } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
