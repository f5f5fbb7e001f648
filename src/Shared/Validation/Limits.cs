using System.Text;

namespace Interview.Shared.Validation;

/// <summary>SPEC.md's resource limits.</summary>
public static class Limits
{
    /// <summary>Max code size: 100 KB, counted in UTF-8 bytes.</summary>
    public const int MaxCodeBytes = 100 * 1024;

    public const int MaxUsernameLength = 50;

    public static bool CodeFits(string code) =>
        code.Length <= MaxCodeBytes && (code.Length * 3 <= MaxCodeBytes || Encoding.UTF8.GetByteCount(code) <= MaxCodeBytes);
}
