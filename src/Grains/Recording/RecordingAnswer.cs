namespace Interview.Grains.Recording;

public enum RecordingAccess
{
    Granted,

    /// <summary>No recording: no such session, one without a recording, one past retention, a deleted one.</summary>
    NotFound,

    /// <summary>A key that is not the session's.</summary>
    Forbidden,
}

/// <summary>What a read or a deletion found; <see cref="Slice"/> with a granted read.</summary>
[GenerateSerializer, Immutable, Alias("interview.recording-answer")]
public sealed record RecordingAnswer([property: Id(0)] RecordingAccess Access, [property: Id(1)] RecordingSlice? Slice = null);
