using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Client.Running;

/// <summary>
/// The session page's runs: runs this tab's code within the limits (docs/protocol.md, "Runs"; the
/// client refuses the 11th run a minute itself, before the server has to), shares each result, and shows the latest run, this
/// tab's or anyone's, in the output panel. Loads a language's runtime (Pyodide, SQLite, the TypeScript
/// compiler) once the session is in that language, and keeps it ready ahead. Closed with its page: the runners end with it, and a run that finishes after that is
/// neither shown nor shared.
/// </summary>
public sealed class CodeRuns(ICodeRunner runner, RunnerOptions options, TimeProvider clock)
{
    private const string Me = "";
    private readonly RateWindow _budget = new(options.ExecutionsPerMinute, TimeSpan.FromMinutes(1));
    private readonly Dictionary<string, Runtime> _runtimes = new()
    {
        [Languages.Python] = new(options.Enables(Languages.Python), options.PyodideBaseUrl),
        [Languages.Sql] = new(options.Enables(Languages.Sql), RunnerOptions.SqliteBaseUrl),
        [Languages.TypeScript] = new(options.Enables(Languages.TypeScript), null),
    };

    private bool _closed;

    public RunRecord? Latest { get; private set; }
    public bool IsRunning { get; private set; }
    /// <summary>Why the last attempt to run did not start (the limit, the size, the language turned off).</summary>
    public string? Refusal { get; private set; }

    public event Action? Changed;

    /// <summary>Shows a finished run to the others; answers null once shared, or why it was not.</summary>
    public Func<ExecutionResult, Task<string?>>? Share { get; set; }

    /// <summary>
    /// Where the language's runtime is: Ready for JavaScript (nothing to load), otherwise as far as its
    /// loading has come.
    /// </summary>
    public RuntimeStatus StatusOf(string language) => _runtimes.TryGetValue(language, out var runtime) ? runtime.Status : RuntimeStatus.Ready;

    /// <summary>How long the language's runtime took to load, once it has.</summary>
    public TimeSpan? LoadTimeOf(string language) => _runtimes.GetValueOrDefault(language)?.LoadTime;

    /// <summary>Why the language's runtime could not load, if it could not.</summary>
    public string? ProblemOf(string language) => _runtimes.GetValueOrDefault(language)?.Problem;

    /// <summary>What the output panel calls the language's runtime ("Python", "SQLite", "TypeScript compiler").</summary>
    public static string RuntimeName(string language) => language switch
    {
        Languages.Python => "Python",
        Languages.Sql => "SQLite",
        Languages.TypeScript => "TypeScript compiler",
        _ => Languages.DisplayName(language),
    };

    /// <summary>Whether this page can run the language here: it has a runner for it and the server has not turned it off.</summary>
    public bool Enables(string language) => CanRun(language) && options.Enables(language);

    /// <summary>The session is (now) in this language: its runtime starts loading at once.</summary>
    public Task LanguageIsAsync(string language) =>
        !_closed && _runtimes.TryGetValue(language, out var runtime) && runtime.Status is RuntimeStatus.NotLoaded or RuntimeStatus.Failed
            ? LoadAsync(language, runtime)
            : Task.CompletedTask;

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
    /// Whether this version of the client has a runner for the language. A later server may know more
    /// languages than this page runs: a session in one of those is shown, edited and switched away from,
    /// but not run here, and the selector offers only what runs.
    /// </summary>
    public static bool CanRun(string language) => language is Languages.JavaScript or Languages.Python or Languages.TypeScript or Languages.Sql;

    private string? RefusalFor(string language, string code)
    {
        if (!CanRun(language))
        {
            return $"{Languages.DisplayName(language)} cannot run in this version of Interview's page; switch the session to another language to run it.";
        }

        if (!options.Enables(language))
        {
            return $"Running {Languages.DisplayName(language)} is turned off on this server.";
        }

        if (!Limits.CodeFits(code))
        {
            return $"Code over {Limits.MaxCodeBytes / 1024} KB cannot run.";
        }

        return _budget.TryTake(Me, clock.GetUtcNow(), out var retryAfter)
            ? null
            : $"At most {options.ExecutionsPerMinute} runs a minute: you can run again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";
    }

    private async Task LoadAsync(string language, Runtime runtime)
    {
        if (runtime.Status == RuntimeStatus.Disabled)
        {
            return;
        }

        (runtime.Status, runtime.Problem) = (RuntimeStatus.Loading, null);
        Changed?.Invoke();
        try
        {
            runtime.LoadTime = await runner.PrepareAsync(language, runtime.BaseUrl);
            runtime.Status = RuntimeStatus.Ready;
        }
        catch (Exception exception) when (exception is Microsoft.JSInterop.JSException or InvalidOperationException)
        {
            (runtime.Status, runtime.Problem) = (RuntimeStatus.Failed, exception.Message);
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

    /// <summary>A runtime that loads before its first run, and how far it has come.</summary>
    private sealed class Runtime(bool enabled, string? baseUrl)
    {
        public string? BaseUrl { get; } = baseUrl;
        public RuntimeStatus Status { get; set; } = enabled ? RuntimeStatus.NotLoaded : RuntimeStatus.Disabled;
        public TimeSpan? LoadTime { get; set; }
        public string? Problem { get; set; }
    }
}
