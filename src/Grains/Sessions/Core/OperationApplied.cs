namespace Interview.Grains.Sessions.Core;

/// <summary>
/// An operation became the session's next revision. <see cref="Text"/> is the whole text after it, only
/// when full-text connections are in the session (their code-update carries it); null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.operation-applied")]
public sealed record OperationApplied([property: Id(0)] OperationUpdate Update, [property: Id(1)] string? Text) : SessionChange;
