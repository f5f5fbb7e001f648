using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Client.Running;

/// <summary>
/// The session page's runs: runs this tab's code within the limits (docs/protocol.md, "Runs"; the
/// client refuses the 11th run a minute itself, before the server has to), shares each result, and shows the latest run, this
/// tab's or anyone's, in the output panel. Keeps a Python interpreter loaded ahead while the session is
/// in Python. Closed with its page: the runners end with it, and a run that finishes after that is
/// neither shown nor shared.
/// </summary>
public sealed class CodeRuns(ICodeRunner runner, RunnerOptions options, TimeProvider clock)
{
    private const string Me = "";
    private readonly RateWindow _budget = new(options.ExecutionsPerMinute, TimeSpan.FromMinutes(1));
    private bool _closed;

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
        !_closed && language == Languages.Python && Python is PythonStatus.NotLoaded or PythonStatus.Failed ? LoadPythonAsync() : Task.CompletedTask;

    /// <summary>Runs the code with the session's program input; the shared result says which input it read.</summary>
    public async Task RunAsync(string language, string code, string username, string input = "")
    {
        if (IsRunning || _closed)
        {
            return;
        }

        Refusal = RefusalFor(language, code) ?? (Limits.InputFits(input) ? null : $"Input over {Limits.MaxInputBytes / 1024} KB cannot be run; shorten it.");
        if (Refusal is not null)
        {
            Changed?.Invoke();
            return;
        }

        IsRunning = true;
        Changed?.Invoke();
        ExecutionResult run;
        try
        {
            run = await runner.RunAsync(language, code, RunnerOptions.TimeLimit(language), input) with { Input = input };
        }
        finally
        {
            IsRunning = false;
        }

        if (_closed)
        {
            return; // the page has gone: its run is nobody's to see
        }

        Latest = new RunRecord(run, username, Mine: true);
        Changed?.Invoke();
        var problem = !FitsTheSession(run) ? $"its output is over the {Limits.MaxOutputBytes / 1024} KB limit"
            : Share is not null ? await Share(run) : null;
        if (problem is not null && !_closed)
        {
            Latest = Latest with { SharingProblem = problem };
            Changed?.Invoke();
        }
    }

    public async Task StopAsync()
    {
        if (IsRunning)
        {
            await runner.StopAsync();
        }
    }

    /// <summary>
    /// The page is going away: every runner ends (a running program, the spares), and nothing of this
    /// page is shown or shared any more, whatever still answers.
    /// </summary>
    public async Task CloseAsync()
    {
        (_closed, Share) = (true, null);
        try
        {
            await runner.ResetAsync();
        }
        catch (Microsoft.JSInterop.JSDisconnectedException)
        {
            // The whole tab is going, and its workers with it.
        }
        catch (Microsoft.JSInterop.JSException)
        {
            // The runner module never loaded: it started no worker.
        }
    }

    /// <summary>Someone else's run, as the session told it.</summary>
    public void Received(ExecutionResultUpdate update)
    {
        Latest = new RunRecord(update.ToRun(), update.Username, Mine: false);
        Changed?.Invoke();
    }

    /// <summary>
    /// Whether this version of the client has a runner for the language. The session knows more languages
    /// than the client runs yet (TypeScript and SQL): a session in one of those is shown, edited and
    /// switched away from, but not run here, and the selector offers only what runs.
    /// </summary>
    public static bool CanRun(string language) => language is Languages.JavaScript or Languages.Python;

    private string? RefusalFor(string language, string code)
    {
        if (!CanRun(language))
        {
            return $"{Languages.DisplayName(language)} cannot run in this version of Interview's page; switch the session to JavaScript or Python to run it.";
        }

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

        if (!_closed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// The runner cuts every result to the session's limits; one that is over them anyway is not sent,
    /// since a message past the hub's frame limit would close this tab's connection.
    /// </summary>
    private static bool FitsTheSession(ExecutionResult run) =>
        Limits.OutputFits(run.Output) && (run.Error is null || Limits.OutputFits(run.Error)) && Limits.LogsFit(run.Logs);
}
