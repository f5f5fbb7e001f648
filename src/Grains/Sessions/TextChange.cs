namespace Interview.Grains.Sessions;

/// <summary>
/// A change of the session's text, as the grain tells the gateways: the operation for "ot" clients and,
/// only while full-text clients are in the session (docs/protocol.md, "Full-text editing"), the whole text
/// for their code-update. A change of the notes (Update.Document "notes") names its <see cref="Recipients"/>,
/// the interviewer connections: never a group, so no connection that joined as a candidate can be in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("interview.text-change")]
public sealed record TextChange(
    [property: Id(0)] OperationUpdate Update,
    [property: Id(1)] long Timestamp,
    [property: Id(2)] string? Code,
    [property: Id(3)] IReadOnlyList<string>? Recipients = null);

/// <summary>The grain's answer to submit-operation: the revision created, or why not.</summary>
[GenerateSerializer, Immutable, Alias("interview.submit-outcome")]
public sealed record SubmitOutcome(
    [property: Id(0)] long? Revision,
    [property: Id(1)] ErrorPayload? Error = null);
