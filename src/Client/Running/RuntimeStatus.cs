namespace Interview.Client.Running;

/// <summary>
/// Where a runtime that loads before its first run is for this tab (Pyodide, SQLite, the TypeScript
/// compiler): it loads when the session is (or turns) in its language.
/// </summary>
public enum RuntimeStatus
{
    NotLoaded,
    Loading,
    Ready,
    Failed,

    /// <summary>Its ENABLE_* flag is false on this server.</summary>
    Disabled,
}
