namespace Interview.Grains.Sessions.Core;

/// <summary>A user shared what their run of the code produced (docs/protocol.md, "Runs").</summary>
[GenerateSerializer, Immutable, Alias("interview.run-shared")]
public sealed record RunShared(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] ExecutionResult Run) : SessionChange;
