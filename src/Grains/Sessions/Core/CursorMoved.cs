namespace Interview.Grains.Sessions.Core;

/// <summary>A user's cursors and selections moved, in the tab <see cref="From"/>; the others' editors show them.</summary>
[GenerateSerializer, Immutable, Alias("interview.cursor-moved")]
public sealed record CursorMoved([property: Id(0)] CursorUpdate Cursor, [property: Id(1)] string From) : SessionChange;
