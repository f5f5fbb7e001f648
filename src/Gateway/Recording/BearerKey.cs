namespace Interview.Gateway.Recording;

/// <summary>The key of an <c>Authorization: Bearer {key}</c> header (RFC 6750): null without one, with another scheme, an empty key or two headers.</summary>
public static class BearerKey
{
    public static string? Of(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } header || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header["Bearer ".Length..].Trim();
        return key.Length == 0 ? null : key;
    }
}
