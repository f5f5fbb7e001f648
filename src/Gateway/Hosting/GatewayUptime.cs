using System.Diagnostics;

namespace Interview.Gateway.Hosting;

/// <summary>How long this gateway process has been serving, for /api/health.</summary>
public sealed class GatewayUptime
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public long Seconds => (long)Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
}
