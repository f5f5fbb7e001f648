namespace Interview.Grains.Sessions.Core;

/// <summary>
/// Something that happened in a session, as the session core says it: what, not how anyone is told.
/// The grain sends each to the connections present at the time (the stream's SessionEvent, or the
/// observers for text and cursors); each gateway turns it into its protocol's event
/// (docs/architecture.md, "Two fan-out paths").
/// </summary>
[GenerateSerializer]
public abstract record SessionChange;
