namespace Interview.Gateway.Hubs;

/// <summary>
/// What one hub message may be: sized for 100 KB of code in the worst JSON escaping. Depth is the JSON
/// protocol's reader's (64 levels; a deeper frame closes the connection); within it, every payload is
/// read field by field, so a nested value where a string or number belongs is an INVALID_PAYLOAD.
/// </summary>
public static class HubLimits
{
    /// <summary>
    /// 100 KB of code is at most 600 KB of JSON (a control character escapes to six bytes, \u0001), plus
    /// the envelope. A larger frame closes the connection with SignalR's own error, before it is read.
    /// </summary>
    public const long MaxMessageBytes = 640 * 1024;

    /// <summary>HTTP bodies: a long-polling client posts hub messages as bodies; REST bodies are smaller still.</summary>
    public const long MaxRequestBodyBytes = MaxMessageBytes + 64 * 1024;
}
