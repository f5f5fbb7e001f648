namespace Interview.Grains.Recording;

/// <summary>
/// Reads and deletes a session's recording, keyed by the session's id, for whoever holds the session's
/// interviewer key (its SHA-256, hashed by the gateway). Separate from the session's grain: reading a
/// long recording must not hold up the session's keystrokes, and a recording outlives its session.
/// </summary>
public interface IRecordingGrain : IGrainWithGuidKey
{
    /// <summary>Up to a page of events from index <paramref name="from"/>.</summary>
    Task<RecordingAnswer> Read(byte[] interviewerKeyHash, long from);

    Task<RecordingAnswer> Delete(byte[] interviewerKeyHash);

    /// <summary>Whether the recording is there and the key is its session's, reading no events.</summary>
    Task<RecordingAccess> Check(byte[] interviewerKeyHash);
}
