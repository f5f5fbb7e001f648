namespace Interview.Shared.Validation;

/// <summary>Session and user ids: UUIDs (docs/protocol.md, "Identity"), compared and stored in lower case.</summary>
public static class SessionIds
{
    /// <summary>A UUID in its 8-4-4-4-12 form with version 4 and the RFC 4122 variant.</summary>
    public static bool IsUuidV4(string? value) =>
        IsUuid(value) && value![14] == '4' && "89abAB".Contains(value[19], StringComparison.Ordinal);

    /// <summary>Any UUID in its 8-4-4-4-12 hexadecimal form (user ids need not be version 4).</summary>
    public static bool IsUuid(string? value)
    {
        if (value is null || value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var isDash = i is 8 or 13 or 18 or 23;
            if (isDash ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static string Normalize(string id) => id.ToLowerInvariant();
}
