using Interview.Shared.Contracts;

namespace Interview.Client.Running;

/// <summary>Runs code in the browser, in Web Workers (wwwroot/js/code-runner.js and js/runners/).</summary>
public interface ICodeRunner
{
    /// <summary>
    /// Runs a program to its end, its time limit or <see cref="StopAsync"/>, reading <paramref name="input"/>
    /// as its program input; never throws for the program's sake.
    /// </summary>
    Task<ExecutionResult> RunAsync(string language, string code, TimeSpan timeLimit, string input = "");

    /// <summary>Ends the running program, whose run then completes as stopped.</summary>
    Task StopAsync();

    /// <summary>
    /// Keeps the language's runtime loaded ahead, from <paramref name="baseUrl"/> (its files' folder) when it
    /// has files of its own: a Python interpreter or SQLite in a spare worker (each run gets a fresh one,
    /// and the next starts loading as a run ends), the TypeScript compiler. Completes when the language
    /// can run, with the load time.
    /// </summary>
    Task<TimeSpan> PrepareAsync(string language, string? baseUrl);

    /// <summary>
    /// Ends every runner the tab has (a running program and the spares started ahead) and starts none
    /// until asked again: for a page going away, so that nothing it ran outlives it. A run it ends
    /// completes as stopped, and whoever awaited it must not show it.
    /// </summary>
    Task ResetAsync();

    /// <summary>Calls <paramref name="run"/> on Ctrl+Enter anywhere on the page, until disposed.</summary>
    Task<IAsyncDisposable> ListenForRunShortcutAsync(Func<Task> run);
}
