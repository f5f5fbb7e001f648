using Interview.Client.Running;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

public class CodeRunsTests
{
    private readonly FakeCodeRunner _runner = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ExecutionResult> _shared = [];

    private CodeRuns Runs(RunnerOptions? options = null)
    {
        var runs = new CodeRuns(_runner, options ?? new RunnerOptions(), _clock);
        runs.Share = run =>
        {
            _shared.Add(run);
            return Task.FromResult<string?>(null);
        };
        return runs;
    }

    [Fact]
    public async Task A_run_is_shown_as_this_users_and_shared_with_the_session()
    {
        var runs = Runs();
        var changes = 0;
        runs.Changed += () => changes++;

        await runs.RunAsync("javascript", "return 1", "Ada");

        Assert.Equal(("javascript", "return 1", TimeSpan.FromSeconds(5)), _runner.Runs.Single());
        Assert.Equal(new RunRecord(_shared.Single(), "Ada", Mine: true), runs.Latest);
        Assert.Equal("ran return 1", runs.Latest!.Run.Output);
        Assert.False(runs.IsRunning);
        Assert.True(changes >= 2); // running, then the result
    }

    [Fact]
    public async Task Python_runs_get_ten_seconds()
    {
        var runs = Runs();
        await runs.RunAsync("python", "print(1)", "Ada");
        Assert.Equal(TimeSpan.FromSeconds(10), _runner.Runs.Single().TimeLimit);
    }

    [Fact]
    public async Task The_eleventh_run_within_a_minute_is_refused_here_until_the_minute_has_passed()
    {
        var runs = Runs();
        for (var run = 0; run < 10; run++)
        {
            await runs.RunAsync("javascript", $"return {run}", "Ada");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await runs.RunAsync("javascript", "return 10", "Ada");

        Assert.Equal(10, _runner.Runs.Count);
        Assert.Equal("At most 10 runs a minute: you can run again in 50 s.", runs.Refusal);
        Assert.Equal("ran return 9", runs.Latest!.Run.Output); // the last run is still shown

        _clock.Advance(TimeSpan.FromSeconds(50));
        await runs.RunAsync("javascript", "return 11", "Ada");
        Assert.Null(runs.Refusal);
        Assert.Equal(11, _runner.Runs.Count);
    }

    [Fact]
    public async Task The_limit_follows_the_servers_setting()
    {
        var runs = Runs(new RunnerOptions { ExecutionsPerMinute = 2 });
        await runs.RunAsync("javascript", "1", "Ada");
        await runs.RunAsync("javascript", "2", "Ada");
        await runs.RunAsync("javascript", "3", "Ada");
        Assert.StartsWith("At most 2 runs a minute", runs.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_over_100_KB_does_not_run()
    {
        var runs = Runs();
        await runs.RunAsync("javascript", new string('x', 100 * 1024 + 1), "Ada");
        Assert.Empty(_runner.Runs);
        Assert.Equal("Code over 100 KB cannot run.", runs.Refusal);
    }

    [Fact]
    public async Task Python_turned_off_on_the_server_neither_loads_nor_runs()
    {
        var runs = Runs(new RunnerOptions { EnablePython = false });

        await runs.LanguageIsAsync("python");
        await runs.RunAsync("python", "print(1)", "Ada");

        Assert.Equal(RuntimeStatus.Disabled, runs.StatusOf(Languages.Python));
        Assert.Equal(0, _runner.PythonPreparations);
        Assert.Empty(_runner.Runs);
        Assert.Equal("Running Python is turned off on this server.", runs.Refusal);
    }

    [Fact]
    public async Task Python_loads_when_the_session_is_python_and_says_how_far_it_is()
    {
        var runs = Runs();
        await runs.LanguageIsAsync("javascript");
        Assert.Equal(RuntimeStatus.NotLoaded, runs.StatusOf(Languages.Python));

        var loading = runs.LanguageIsAsync("python");
        Assert.Equal(RuntimeStatus.Loading, runs.StatusOf(Languages.Python));
        _runner.PythonLoad.SetResult(TimeSpan.FromSeconds(2.5));
        await loading;

        Assert.Equal(RuntimeStatus.Ready, runs.StatusOf(Languages.Python));
        Assert.Equal(TimeSpan.FromSeconds(2.5), runs.LoadTimeOf(Languages.Python));
        await runs.LanguageIsAsync("python");
        Assert.Equal(1, _runner.PythonPreparations); // loaded once
    }

    [Fact]
    public async Task Python_that_failed_to_load_says_why_and_is_tried_again()
    {
        var runs = Runs();
        _runner.PythonLoad.SetException(new Microsoft.JSInterop.JSException("pyodide.asm.wasm: 404"));

        await runs.LanguageIsAsync("python");
        Assert.Equal(RuntimeStatus.Failed, runs.StatusOf(Languages.Python));
        Assert.Equal("pyodide.asm.wasm: 404", runs.ProblemOf(Languages.Python));

        _runner.PythonLoad = new TaskCompletionSource<TimeSpan>();
        _runner.PythonLoad.SetResult(TimeSpan.FromSeconds(1));
        await runs.LanguageIsAsync("python");
        Assert.Equal(RuntimeStatus.Ready, runs.StatusOf(Languages.Python));
    }

    [Fact]
    public async Task A_python_run_leaves_loading_the_next_interpreter_to_the_runner()
    {
        var runs = Runs();
        _runner.PythonLoad.SetResult(TimeSpan.FromSeconds(1));
        await runs.LanguageIsAsync("python");
        _runner.Answer = (language, _) => new ExecutionResult(language, false, "", "timed out", 10_000, [], ErrorCodes.ExecutionTimeout);

        await runs.RunAsync("python", "while True: pass", "Ada");

        Assert.Equal(1, _runner.PythonPreparations); // the runner starts a fresh one as each run ends
        Assert.Equal(RuntimeStatus.Ready, runs.StatusOf(Languages.Python));
        Assert.Equal(ErrorCodes.ExecutionTimeout, runs.Latest!.Run.ErrorCode);
    }

    [Fact]
    public async Task A_running_program_can_be_stopped_and_one_run_goes_at_a_time()
    {
        var runs = Runs();
        _runner.HoldRuns = true;

        var running = runs.RunAsync("javascript", "while (true) {}", "Ada");
        Assert.True(runs.IsRunning);
        await runs.RunAsync("javascript", "return 2", "Ada"); // ignored while one runs
        await runs.StopAsync();
        await running;

        Assert.Single(_runner.Runs);
        Assert.Equal(1, _runner.Stops);
        Assert.False(runs.Latest!.Run.Success);
        await runs.StopAsync(); // nothing running: nothing to stop
        Assert.Equal(1, _runner.Stops);
    }

    [Fact]
    public async Task A_run_reads_the_program_input_and_its_shared_result_says_which()
    {
        var runs = Runs();

        await runs.RunAsync("python", "print(input())", "Ada", "7\n8\n");

        Assert.Equal("7\n8\n", _runner.Inputs.Single());
        Assert.Equal("7\n8\n", _shared.Single().Input);
    }

    [Fact]
    public async Task A_language_this_page_has_no_runner_for_is_refused_and_nothing_runs()
    {
        var runs = Runs();

        await runs.RunAsync("python", "print(1)", "Ada", new string('1', 10 * 1024 + 1));
        Assert.Equal("Input over 10 KB cannot be run; shorten it.", runs.Refusal);
        await runs.RunAsync("cobol", "DISPLAY 'HI'.", "Ada"); // a language a later server may know

        Assert.Empty(_runner.Runs);
        Assert.Empty(_shared);
        Assert.Equal("COBOL cannot run in this version of Interview's page; switch the session to another language to run it.", runs.Refusal, ignoreCase: true);
    }

    [Theory]
    [InlineData("typescript", "TypeScript")]
    [InlineData("sql", "SQL")]
    public async Task TypeScript_and_SQL_turned_off_on_the_server_neither_load_nor_run(string language, string name)
    {
        var runs = Runs(new RunnerOptions { EnableTypeScript = false, EnableSql = false });

        await runs.LanguageIsAsync(language);
        await runs.RunAsync(language, "SELECT 1;", "Ada");

        Assert.Equal(RuntimeStatus.Disabled, runs.StatusOf(language));
        Assert.False(runs.Enables(language));
        Assert.Empty(_runner.Preparations);
        Assert.Empty(_runner.Runs);
        Assert.Equal($"Running {name} is turned off on this server.", runs.Refusal);
        Assert.True(runs.Enables("javascript"));
    }

    [Theory]
    [InlineData("typescript", null, "TypeScript compiler")]
    [InlineData("sql", "sqljs/", "SQLite")]
    public async Task TypeScript_and_SQL_load_when_the_session_turns_to_them_and_run_for_five_seconds(string language, string? files, string runtime)
    {
        var runs = Runs();
        await runs.LanguageIsAsync("javascript");
        Assert.Empty(_runner.Preparations);

        var loading = runs.LanguageIsAsync(language);
        Assert.Equal(RuntimeStatus.Loading, runs.StatusOf(language));
        _runner.Loads[language].SetResult(TimeSpan.FromMilliseconds(400));
        await loading;
        await runs.LanguageIsAsync(language);
        await runs.RunAsync(language, "SELECT 1;", "Ada");

        Assert.Equal((language, files), Assert.Single(_runner.Preparations)); // loaded once
        Assert.Equal(RuntimeStatus.Ready, runs.StatusOf(language));
        Assert.Equal(TimeSpan.FromMilliseconds(400), runs.LoadTimeOf(language));
        Assert.Equal(runtime, CodeRuns.RuntimeName(language));
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(_runner.Runs).TimeLimit);
    }

    [Fact]
    public async Task A_run_the_session_refused_to_share_says_so()
    {
        var runs = Runs();
        runs.Share = _ => Task.FromResult<string?>("Too many runs; try again in 20 s");

        await runs.RunAsync("javascript", "return 1", "Ada");

        Assert.Equal("Too many runs; try again in 20 s", runs.Latest!.SharingProblem);
    }

    [Fact]
    public void Someone_elses_run_is_shown_as_theirs()
    {
        var runs = Runs();
        var run = new ExecutionResult("python", true, "Hello\n2", null, 156, []);

        runs.Received(ExecutionResultUpdate.Of("s", "bob-id", "Bob", run));

        Assert.Equal("Bob", runs.Latest!.Username);
        Assert.False(runs.Latest.Mine);
        Assert.Equal("Hello\n2", runs.Latest.Run.Output);
    }

    [Fact]
    public async Task Closing_ends_the_runners_and_a_run_finishing_after_it_is_neither_shown_nor_shared()
    {
        var runs = Runs();
        await runs.RunAsync("javascript", "return 1", "Ada");
        var shown = runs.Latest;
        _runner.HoldRuns = true;
        var running = runs.RunAsync("javascript", "setTimeout(() => console.log('late'), 100)", "Ada");
        var changes = 0;
        runs.Changed += () => changes++;

        await runs.CloseAsync();
        await running;

        Assert.Equal(1, _runner.Resets);
        Assert.Same(shown, runs.Latest); // the run the reset ended is nobody's to see
        Assert.Single(_shared);
        Assert.Equal(0, changes);

        await runs.RunAsync("javascript", "return 2", "Ada");
        await runs.LanguageIsAsync("python");
        Assert.Equal(2, _runner.Runs.Count); // a closed page runs and loads nothing more
        Assert.Equal(0, _runner.PythonPreparations);
    }

    [Fact]
    public async Task Python_that_finishes_loading_after_the_page_closed_changes_nothing_on_it()
    {
        var runs = Runs();
        var loading = runs.LanguageIsAsync("python");
        var changes = 0;
        runs.Changed += () => changes++;

        await runs.CloseAsync();
        _runner.PythonLoad.SetException(new Microsoft.JSInterop.JSException("The page was left while Python loaded"));
        await loading;

        Assert.Equal(0, changes);
    }

    [Fact]
    public async Task A_result_over_the_output_limit_is_shown_here_but_never_sent_to_the_session()
    {
        var runs = Runs();
        _runner.Answer = (language, _) => new ExecutionResult(language, true, new string('x', 20_000), null, 3, []);

        await runs.RunAsync("javascript", "return 'x'.repeat(20000)", "Ada");

        Assert.Empty(_shared);
        Assert.Equal("its output is over the 10 KB limit", runs.Latest!.SharingProblem);

        _runner.Answer = (language, _) => new ExecutionResult(language, true, "", null, 3, [.. Enumerable.Repeat("x", 6000)]);
        await runs.RunAsync("javascript", "logs", "Ada");
        Assert.Empty(_shared);

        _runner.Answer = (language, _) => new ExecutionResult(language, true, new string('x', 10 * 1024) + "\n… output cut at 10 KB (9760 more bytes not shown)", null, 3, []);
        await runs.RunAsync("javascript", "cut", "Ada");
        Assert.Single(_shared); // cut as the runner cuts, marker included: within the limit
    }
}
