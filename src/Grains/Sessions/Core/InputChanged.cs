namespace Interview.Grains.Sessions.Core;

/// <summary>The program input changed (docs/protocol.md, "Program input"): the whole new text, and whose change it was.</summary>
[GenerateSerializer, Immutable, Alias("interview.input-changed")]
public sealed record InputChanged([property: Id(0)] string Input, [property: Id(1)] string UserId, [property: Id(2)] string Username) : SessionChange;
