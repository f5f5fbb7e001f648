using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Types = Interview.Shared.Contracts.RecordedEventTypes;

using Interview.Grains.Recording;

namespace Interview.Grains.Sessions;

/// <summary>The recorded event of each thing a session records (docs/protocol.md, "Recording and playback").</summary>
public static class RecordedEvents
{
    /// <summary>An operation of the code or of the notes, as the revision it made.</summary>
    public static RecordedEvent Operation(OperationUpdate update, DateTimeOffset at) =>
        new(at, update.Document == Documents.Notes ? Types.Notes : Types.Operation, update.UserId) { Revision = update.Revision, Operation = update.Operation };

    public static RecordedEvent Language(string language, string userId, DateTimeOffset at) => new(at, Types.Language, userId) { Language = language };

    public static RecordedEvent Input(string input, string userId, DateTimeOffset at) => new(at, Types.Input, userId) { Input = input };

    public static RecordedEvent Joined(ParticipantJoined joined, DateTimeOffset at) =>
        new(at, Types.Join, joined.UserId) { Username = joined.Username, Color = joined.Color, Role = joined.Role };

    public static RecordedEvent RoleChanged(ParticipantUpdated updated, DateTimeOffset at) =>
        new(at, Types.Role, updated.UserId) { Username = updated.Username, Color = updated.Color, Role = updated.Role };

    public static RecordedEvent Left(Participant user, DateTimeOffset at) => new(at, Types.Leave, user.Id) { Username = user.Username };

    /// <summary>A shared run, with the code's revision it ran: SPEC.md's result fields, console lines included (a JavaScript run's output is mostly there), the input it read and an SQL run's tables; error codes are left out.</summary>
    public static RecordedEvent Run(RunShared shared, long revision, DateTimeOffset at) => new(at, Types.Run, shared.UserId)
    {
        Username = shared.Username,
        Language = shared.Run.Language,
        Success = shared.Run.Success,
        Output = shared.Run.Output,
        Error = shared.Run.Error,
        ExecutionTime = shared.Run.ExecutionTime,
        Logs = shared.Run.Logs,
        Input = shared.Run.Input,
        Tables = shared.Run.Tables,
        Revision = revision,
    };

    public static RecordedEvent Activity(ActivityReported reported) => new(reported.At, Types.Activity, reported.UserId)
    {
        Kind = reported.Activity.Kind,
        Chars = reported.Activity.Chars,
        Lines = reported.Activity.Lines,
        AwayMs = reported.Activity.AwayMs,
    };

    public static RecordedEvent EndedBy(InterviewEnded ended) =>
        new(ended.At, Types.Ended, ended.UserId) { Username = ended.Username, Reason = Types.ByInterviewer };

    public static RecordedEvent Expired(DateTimeOffset at) => new(at, Types.Ended, null) { Reason = Types.Expired };
}
