using Interview.Shared.Contracts;

namespace Interview.Grains.Recording;

/// <summary>
/// Where sessions' recordings live (docs/protocol.md, "Recording and playback"): in the session's own store,
/// beside its journal. Text changes are recorded by the journal's append itself (ISessionJournal.AppendAsync);
/// everything else through <see cref="RecordAsync"/>. A deleted recording keeps a tombstone, so nothing
/// more is recorded for its session and reads find no recording.
/// </summary>
public interface ISessionRecordings
{
    /// <summary>Opens a session's recording as the session is created.</summary>
    Task StartAsync(Guid sessionId, RecordingHeader header);

    /// <summary>Appends one event, unless the recording was deleted (or never started).</summary>
    Task RecordAsync(Guid sessionId, RecordedEvent recorded);

    /// <summary>
    /// The session ended or expired at <paramref name="at"/>: records <paramref name="ended"/> and, the first
    /// time only, keeps it all until <paramref name="retainUntil"/> (an expiry after the end moves nothing).
    /// </summary>
    Task CloseAsync(Guid sessionId, DateTimeOffset at, DateTimeOffset retainUntil, RecordedEvent ended);

    /// <summary>The header and up to <paramref name="maxEvents"/> events from index <paramref name="from"/>, about <paramref name="maxBytes"/> at most; null for no recording.</summary>
    Task<RecordingSlice?> ReadAsync(Guid sessionId, long from, int maxEvents, int maxBytes);

    /// <summary>Deletes the events at once and leaves a tombstone; false when there was no recording.</summary>
    Task<bool> DeleteAsync(Guid sessionId);
}
