namespace Interview.Grains.Recording;

/// <summary>RECORDING_RETENTION: how long a recording outlives its session's end or expiry (docs/protocol.md, "Recording and playback").</summary>
public sealed class RecordingOptions
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Events per page of GET /api/sessions/{id}/recording, and about how many bytes at most.</summary>
    public const int PageEvents = 1000;

    public const int PageBytes = 1024 * 1024;
}
