using Interview.Client.Running;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>Stands in for the browser's workers: answers runs from a script, or holds them until told.</summary>
public sealed class FakeCodeRunner : ICodeRunner
{
    private TaskCompletionSource<ExecutionResult>? _running;

    public List<(string Language, string Code, TimeSpan TimeLimit)> Runs { get; } = [];
    public Func<string, string, ExecutionResult> Answer { get; set; } =
        (language, code) => new ExecutionResult(language, true, $"ran {code}", null, 1, []);

    /// <summary>When set, runs wait for <see cref="Finish"/> or <see cref="StopAsync"/>.</summary>
    public bool HoldRuns { get; set; }
    public int Stops { get; private set; }
    public int PythonPreparations { get; private set; }
    public TaskCompletionSource<TimeSpan> PythonLoad { get; set; } = new();
    public Func<Task>? Shortcut { get; private set; }

    /// <summary>The program input each run was given.</summary>
    public List<string> Inputs { get; } = [];

    public Task<ExecutionResult> RunAsync(string language, string code, TimeSpan timeLimit, string input = "")
    {
        Runs.Add((language, code, timeLimit));
        Inputs.Add(input);
        if (!HoldRuns)
        {
            return Task.FromResult(Answer(language, code));
        }

        _running = new TaskCompletionSource<ExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _running.Task;
    }

    public void Finish(ExecutionResult result) => _running!.SetResult(result);

    public Task StopAsync()
    {
        Stops++;
        _running?.TrySetResult(new ExecutionResult(Runs[^1].Language, false, string.Empty, "Stopped before it finished", 5, [], ErrorCodes.ExecutionError));
        return Task.CompletedTask;
    }

    public int Resets { get; private set; }

    /// <summary>As the browser's runner: ends a held run as stopped.</summary>
    public Task ResetAsync()
    {
        Resets++;
        _running?.TrySetResult(new ExecutionResult(Runs[^1].Language, false, string.Empty, "The page was left before the run finished", 5, [], ErrorCodes.ExecutionError));
        return Task.CompletedTask;
    }

    /// <summary>Each preparation asked for: the language and where its files are.</summary>
    public List<(string Language, string? BaseUrl)> Preparations { get; } = [];

    /// <summary>How a preparation of TypeScript or SQL ends (Python's is <see cref="PythonLoad"/>).</summary>
    public Dictionary<string, TaskCompletionSource<TimeSpan>> Loads { get; } = [];

    public Task<TimeSpan> PrepareAsync(string language, string? baseUrl)
    {
        Preparations.Add((language, baseUrl));
        if (language == Languages.Python)
        {
            PythonPreparations++;
            return PythonLoad.Task;
        }

        return (Loads.TryGetValue(language, out var load) ? load : Loads[language] = new()).Task;
    }

    public Task<IAsyncDisposable> ListenForRunShortcutAsync(Func<Task> run)
    {
        Shortcut = run;
        return Task.FromResult<IAsyncDisposable>(new Unlisten(this));
    }

    private sealed class Unlisten(FakeCodeRunner runner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            runner.Shortcut = null;
            return ValueTask.CompletedTask;
        }
    }
}

public static class RunningServices
{
    /// <summary>What the session page needs to run code, with the browser's workers faked.</summary>
    public static IServiceCollection AddFakeRunning(this IServiceCollection services, FakeCodeRunner runner, RunnerOptions? options = null) =>
        services
            .AddSingleton<ICodeRunner>(runner)
            .AddSingleton(options ?? new RunnerOptions())
            .AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow))
            .AddTransient<CodeRuns>();
}
