namespace Interview.Gateway.Hubs;

/// <summary>What one hub message may be: sized for 100 KB of code in the worst JSON escaping, no deeper than our payloads.</summary>
public static class HubLimits
{
    /// <summary>
    /// 100 KB of code is at most 600 KB of JSON (a control character escapes to six bytes, \u0001), plus
    /// the envelope. A larger frame closes the connection with SignalR's own error, before it is read.
    /// </summary>
    public const long MaxMessageBytes = 640 * 1024;

    /// <summary>HTTP bodies: a long-polling client posts hub messages as bodies; REST bodies are smaller still.</summary>
    public const long MaxRequestBodyBytes = MaxMessageBytes + 64 * 1024;

    /// <summary>Our deepest payload (submit-operation, cursor-change) nests three levels.</summary>
    public const int MaxJsonDepth = 16;
}
