namespace Interview.Grains.Recording;

/// <summary>
/// A stretch of a recording as the store holds it: the header, events from index <see cref="From"/> as
/// their JSON (RecordedEventJson.Write; written once, sent as they are), and how many the recording holds in all.
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.recording-slice")]
public sealed record RecordingSlice(
    [property: Id(0)] RecordingHeader Header,
    [property: Id(1)] long From,
    [property: Id(2)] IReadOnlyList<byte[]> Events,
    [property: Id(3)] long Total)
{
    /// <summary>The index of the first event after this slice, or null when it reaches the end.</summary>
    public long? Next => From + Events.Count < Total ? From + Events.Count : null;
}
