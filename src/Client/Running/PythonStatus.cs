namespace Interview.Client.Running;

/// <summary>Where Pyodide is for this tab: it loads when the session is (or turns) Python.</summary>
public enum PythonStatus
{
    NotLoaded,
    Loading,
    Ready,
    Failed,

    /// <summary>ENABLE_PYTHON is false on this server.</summary>
    Disabled,
}
