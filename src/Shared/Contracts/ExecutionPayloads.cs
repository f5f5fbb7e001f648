using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

/// <summary>
/// What one run produced (docs/protocol.md, "Runs"): the result shape (success, output, error, executionTime in ms, logs)
/// with the language it ran in. <see cref="ErrorCode"/> is EXECUTION_TIMEOUT or EXECUTION_ERROR when it
/// failed; <see cref="Line"/> the line of the user's code the error points at, when known;
/// <see cref="Input"/> the program input the run read (docs/protocol.md, "Program input"), null when the
/// runner did not say; <see cref="Tables"/> what an SQL run's statements returned (docs/protocol.md,
/// "SQL results"), null for the other languages.
/// </summary>
public sealed record ExecutionResult(
    string Language,
    bool Success,
    string Output,
    string? Error,
    long ExecutionTime,
    IReadOnlyList<string> Logs,
    string? ErrorCode = null,
    int? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Input = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResultTable>? Tables = null);

/// <summary>execution-result as the other participants get it: the run, and who ran it.</summary>
public sealed record ExecutionResultUpdate(
    string SessionId,
    string UserId,
    string Username,
    string Language,
    bool Success,
    string Output,
    string? Error,
    long ExecutionTime,
    IReadOnlyList<string> Logs,
    string? ErrorCode,
    int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Input = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResultTable>? Tables = null)
{
    public static ExecutionResultUpdate Of(string sessionId, string userId, string username, ExecutionResult run) =>
        new(sessionId, userId, username, run.Language, run.Success, run.Output, run.Error, run.ExecutionTime, run.Logs, run.ErrorCode, run.Line, run.Input, run.Tables);

    public ExecutionResult ToRun() => new(Language, Success, Output, Error, ExecutionTime, Logs, ErrorCode, Line, Input, Tables);
}
