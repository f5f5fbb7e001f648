namespace Interview.Shared.Contracts;

/// <summary>The socket API's client-to-server event names (docs/protocol.md), used verbatim as SignalR method names.</summary>
public static class HubMethods
{
    public const string JoinSession = "join-session";
    public const string CodeChange = "code-change";
    public const string LanguageChange = "language-change";

    /// <summary>Someone changed the program input (docs/protocol.md, "Program input").</summary>
    public const string InputChange = "input-change";

    /// <summary>A participant shares what their run produced.</summary>
    public const string ExecutionResult = "execution-result";

    /// <summary>An interviewer ends the interview (docs/protocol.md, "Roles, notes, ending and activity").</summary>
    public const string EndSession = "end-session";

    /// <summary>A candidate's browser reports a paste or a focus change.</summary>
    public const string Activity = "activity";
}

/// <summary>The socket API's server-to-client event names.</summary>
public static class HubEvents
{
    public const string SessionJoined = "session-joined";
    public const string CodeUpdate = "code-update";
    public const string LanguageUpdate = "language-update";

    /// <summary>The program input as someone else changed it: to everyone else.</summary>
    public const string InputUpdate = "input-update";
    public const string UserJoined = "user-joined";
    public const string UserLeft = "user-left";
    public const string Error = "error";

    /// <summary>The session ends at its maximum duration in ten minutes, then in one: everyone is told.</summary>
    public const string SessionExpiring = "session-expiring";

    /// <summary>Someone else's run, with who ran it.</summary>
    public const string ExecutionResult = "execution-result";

    /// <summary>A present user's role changed (a tab joined with or without the interviewer key, or their last interviewer tab left).</summary>
    public const string UserUpdated = "user-updated";

    /// <summary>An interviewer ended the interview: to everyone.</summary>
    public const string SessionEnded = "session-ended";

    /// <summary>A candidate's paste or focus change: to interviewers only.</summary>
    public const string ActivityUpdate = "activity-update";
}

/// <summary>Protocol "ot" (docs/protocol.md, "Operations", "Cursors"), asked for with protocol "ot" in join-session.</summary>
public static class OtProtocol
{
    public const string Name = "ot";

    public const string SubmitOperation = "submit-operation";
    public const string CursorChange = "cursor-change";

    public const string Operation = "operation";
    public const string CursorUpdate = "cursor-update";
}
