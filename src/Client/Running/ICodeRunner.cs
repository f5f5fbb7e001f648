using Interview.Shared.Contracts;

namespace Interview.Client.Running;

/// <summary>Runs code in the browser, in Web Workers (wwwroot/js/code-runner.js and js/runners/).</summary>
public interface ICodeRunner
{
    /// <summary>Runs a program to its end, its time limit or <see cref="StopAsync"/>; never throws for the program's sake.</summary>
    Task<ExecutionResult> RunAsync(string language, string code, TimeSpan timeLimit);

    /// <summary>Ends the running program, whose run then completes as stopped.</summary>
    Task StopAsync();

    /// <summary>Loads Pyodide unless it is loaded (or loading); completes when Python can run, with the load time.</summary>
    Task<TimeSpan> PreparePythonAsync(string baseUrl);

    /// <summary>Calls <paramref name="run"/> on Ctrl+Enter anywhere on the page, until disposed.</summary>
    Task<IAsyncDisposable> ListenForRunShortcutAsync(Func<Task> run);
}
