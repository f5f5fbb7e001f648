using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Client.Running;

/// <summary>
/// The session page's runs: runs this tab's code within SPEC.md's limits (the client refuses the 11th
/// run a minute itself, before the server has to), shares each result, and shows the latest run, this
/// tab's or anyone's, in the output panel. Keeps Pyodide loaded while the session is in Python.
/// </summary>
public sealed class CodeRuns(ICodeRunner runner, RunnerOptions options, TimeProvider clock)
{
    private const string Me = "";
    private readonly RateWindow _budget = new(options.ExecutionsPerMinute, TimeSpan.FromMinutes(1));
    private bool _stopRequested;

    public RunRecord? Latest { get; private set; }
    public bool IsRunning { get; private set; }
    public PythonStatus Python { get; private set; } = options.EnablePython ? PythonStatus.NotLoaded : PythonStatus.Disabled;
    public TimeSpan? PythonLoadTime { get; private set; }
    public string? PythonProblem { get; private set; }

    /// <summary>Why the last attempt to run did not start (the limit, the size, Python turned off).</summary>
    public string? Refusal { get; private set; }

    public event Action? Changed;

    /// <summary>Shows a finished run to the others; answers null once shared, or why it was not.</summary>
    public Func<ExecutionResult, Task<string?>>? Share { get; set; }

    /// <summary>The session is (now) in this language: a Python session starts loading Pyodide at once.</summary>
    public Task LanguageIsAsync(string language) =>
        language == Languages.Python && Python is PythonStatus.NotLoaded or PythonStatus.Failed ? LoadPythonAsync() : Task.CompletedTask;

    public async Task RunAsync(string language, string code, string username)
    {
        if (IsRunning)
        {
            return;
        }

        Refusal = RefusalFor(language, code);
        if (Refusal is not null)
        {
            Changed?.Invoke();
            return;
        }

        (IsRunning, _stopRequested) = (true, false);
        Changed?.Invoke();
        ExecutionResult run;
        try
        {
            run = await runner.RunAsync(language, code, RunnerOptions.TimeLimit(language));
        }
        finally
        {
            IsRunning = false;
        }

        Latest = new RunRecord(run, username, Mine: true);
        Changed?.Invoke();

        // A Python run cut off by its limit or by Stop took its interpreter along; the next one is loading.
        var relaunch = language == Languages.Python && (run.ErrorCode == ErrorCodes.ExecutionTimeout || _stopRequested) ? LoadPythonAsync() : Task.CompletedTask;
        if (Share is not null && await Share(run) is { } problem)
        {
            Latest = Latest with { SharingProblem = problem };
            Changed?.Invoke();
        }

        await relaunch;
    }

    public async Task StopAsync()
    {
        if (IsRunning)
        {
            _stopRequested = true;
            await runner.StopAsync();
        }
    }

    /// <summary>Someone else's run, as the session told it.</summary>
    public void Received(ExecutionResultUpdate update)
    {
        Latest = new RunRecord(update.ToRun(), update.Username, Mine: false);
        Changed?.Invoke();
    }

    private string? RefusalFor(string language, string code)
    {
        if (language == Languages.Python && Python == PythonStatus.Disabled)
        {
            return "Running Python is turned off on this server.";
        }

        if (!Limits.CodeFits(code))
        {
            return $"Code over {Limits.MaxCodeBytes / 1024} KB cannot run.";
        }

        return _budget.TryTake(Me, clock.GetUtcNow(), out var retryAfter)
            ? null
            : $"At most {options.ExecutionsPerMinute} runs a minute: you can run again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";
    }

    private async Task LoadPythonAsync()
    {
        if (Python == PythonStatus.Disabled)
        {
            return;
        }

        (Python, PythonProblem) = (PythonStatus.Loading, null);
        Changed?.Invoke();
        try
        {
            PythonLoadTime = await runner.PreparePythonAsync(options.PyodideBaseUrl);
            Python = PythonStatus.Ready;
        }
        catch (Exception exception) when (exception is Microsoft.JSInterop.JSException or InvalidOperationException)
        {
            (Python, PythonProblem) = (PythonStatus.Failed, exception.Message);
        }

        Changed?.Invoke();
    }
}
