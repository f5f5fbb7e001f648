using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

// What an invocation completes with (docs/protocol.md, "Refusals and errors"): an accepted one as each
// method says (submit-operation {revision}, execution-result true, the others null); a refused one with
// {error: {message, code, details?}}, after the same error event every client gets.

/// <summary>submit-operation's answer: {revision} once applied, {error} when refused; absent fields are left out.</summary>
public sealed record SubmitResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Revision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorPayload? Error = null);

/// <summary>Any refused invocation's answer: why, as the error event said it.</summary>
public sealed record RefusedInvocation(ErrorPayload Error);
