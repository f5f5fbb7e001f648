namespace Interview.Client.Sessions;

/// <summary>What the session page shows: the session being looked up, why it cannot be joined, the name prompt, or the workspace.</summary>
public enum SessionStage
{
    Loading,
    Problem,
    AskName,
    Workspace,
}
