using Bunit;
using Interview.Client.Components;
using Interview.Client.Running;
using Interview.Shared.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace Interview.Client.Tests;

public class RunningComponentTests : BunitContext
{
    private readonly FakeCodeRunner _runner = new();
    private readonly CodeRuns _runs;

    public RunningComponentTests()
    {
        Services.AddFakeRunning(_runner);
        _runs = new CodeRuns(_runner, new RunnerOptions(), new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_panel_invites_a_first_run()
    {
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "javascript"));
        Assert.StartsWith("Nothing has run yet.", panel.Find(".run p").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_shows_who_ran_what_and_what_it_printed()
    {
        _runner.Answer = (language, _) => new ExecutionResult(language, false, "partial", "TypeError: x is undefined (line 3)", 12, ["Hello", "World"], ErrorCodes.ExecutionError, 3);
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "javascript"));

        await panel.InvokeAsync(() => _runs.RunAsync("javascript", "code", "Ada"));
        panel.Render();

        Assert.Equal("Failed", panel.Find(".run-outcome").TextContent);
        Assert.Equal("Ada", panel.Find(".run-by").TextContent);
        Assert.Contains("(you)", panel.Find(".run-meta").TextContent, StringComparison.Ordinal);
        Assert.Contains("JavaScript", panel.Find(".run-meta").TextContent, StringComparison.Ordinal);
        Assert.Equal("12 ms", panel.Find(".run-time").TextContent);
        Assert.Equal("partial", panel.Find(".run-output").TextContent);
        Assert.Equal("TypeError: x is undefined (line 3)", panel.Find(".run-error").TextContent);
        Assert.Equal("Hello\nWorld", panel.Find(".run-logs").TextContent);
    }

    [Fact]
    public void A_timed_out_run_of_someone_else_reads_as_such()
    {
        _runs.Received(ExecutionResultUpdate.Of("s", "bob", "Bob", new ExecutionResult("python", false, "", "Execution timed out after 10 s and was stopped (EXECUTION_TIMEOUT)", 10_000, [], ErrorCodes.ExecutionTimeout)));
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "python"));

        Assert.Equal("Timed out", panel.Find(".run-outcome").TextContent);
        Assert.DoesNotContain("(you)", panel.Find(".run-meta").TextContent, StringComparison.Ordinal);
        Assert.Contains("Python", panel.Find(".run-meta").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_read_another_input_than_the_box_holds_shows_the_one_it_read()
    {
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "python").Add(c => c.CurrentInput, "3\n"));

        await panel.InvokeAsync(() => _runs.RunAsync("python", "print(input())", "Ada", "3\n"));
        panel.Render();
        Assert.Empty(panel.FindAll(".run-input")); // the box shows it already

        panel.Render(p => p.Add(c => c.CurrentInput, "4\n"));
        Assert.Equal("3\n", panel.Find(".run-input").TextContent);
    }

    [Fact]
    public async Task A_python_session_shows_pythons_loading_state()
    {
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "python"));
        var loading = panel.InvokeAsync(() => _runs.LanguageIsAsync("python"));
        panel.Render();
        Assert.Equal("Loading Python…", panel.Find(".python-status.loading").TextContent);

        _runner.PythonLoad.SetResult(TimeSpan.FromMilliseconds(2300));
        await loading;
        panel.Render();
        Assert.Equal("Python ready (loaded in 2.3 s)", panel.Find(".python-status.ready").TextContent);
    }

    [Fact]
    public void An_sql_run_shows_a_table_per_statement_with_its_nulls_and_what_was_cut()
    {
        var tables = new List<ResultTable>
        {
            new(["dept", "n"], [["eng", "2"], ["ops", null]], 1500, 9),
            new(["one"], [["1"]], 1, null),
        };
        _runs.Received(ExecutionResultUpdate.Of("s", "bob", "Bob", new ExecutionResult("sql", true, "(2 more results not shown: the output limit is reached)\n\ndept | n\n…", null, 4, [], Tables: tables)));
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, "sql"));

        Assert.Equal(["dept", "n", "one"], panel.FindAll(".result-table th").Select(th => th.TextContent));
        Assert.Equal(["eng", "2", "ops", "NULL", "1"], panel.FindAll(".result-table td").Select(td => td.TextContent));
        Assert.Single(panel.FindAll(".result-table td.null"));
        Assert.Equal(["showing 2 of 1,500 rows · statement at line 9", "1 row"], panel.FindAll(".result-table figcaption").Select(c => c.TextContent));
        Assert.Empty(panel.FindAll(".run-output")); // the tables stand for the text form
        Assert.Equal("(2 more results not shown: the output limit is reached)", panel.Find(".result-tables-cut").TextContent);
        Assert.Contains("SQL", panel.Find(".run-meta").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sql", "Loading SQLite…", "SQLite ready (loaded in 400 ms)")]
    [InlineData("typescript", "Loading TypeScript compiler…", "TypeScript compiler ready (loaded in 400 ms)")]
    public async Task A_session_in_sql_or_typescript_shows_its_runtimes_loading_state(string language, string loadingNote, string readyNote)
    {
        var panel = Render<OutputPanel>(p => p.Add(c => c.Runs, _runs).Add(c => c.Language, language));
        var loading = panel.InvokeAsync(() => _runs.LanguageIsAsync(language));
        panel.Render();
        Assert.Equal(loadingNote, panel.Find($".{language}-status.loading").TextContent);

        _runner.Loads[language].SetResult(TimeSpan.FromMilliseconds(400));
        await loading;
        panel.Render();
        Assert.Equal(readyNote, panel.Find($".{language}-status.ready").TextContent);
    }

    [Fact]
    public async Task Run_turns_into_Stop_while_a_program_runs_and_Ctrl_Enter_runs_too()
    {
        var clicks = 0;
        _runner.HoldRuns = true;
        var controls = Render<RunControls>(p => p
            .Add(c => c.Runs, _runs)
            .Add(c => c.Language, "javascript")
            .Add(c => c.OnRun, () => { clicks++; return _runs.RunAsync("javascript", "while (true) {}", "Ada"); }));

        var running = controls.Find("#run-button").ClickAsync(new MouseEventArgs()); // runs until stopped
        Assert.Equal(1, clicks);
        controls.Render();
        controls.Find("#stop-button").Click();
        await running;
        controls.Render();
        Assert.Equal(1, _runner.Stops);
        Assert.NotNull(controls.Find("#run-button"));

        _runner.HoldRuns = false;
        await controls.InvokeAsync(() => _runner.Shortcut!());
        Assert.Equal(2, clicks);
        await controls.Instance.DisposeAsync();
        Assert.Null(_runner.Shortcut);
    }

    [Fact]
    public void Run_is_off_for_python_when_the_server_turned_python_off()
    {
        var runs = new CodeRuns(_runner, new RunnerOptions { EnablePython = false }, TimeProvider.System);
        var controls = Render<RunControls>(p => p.Add(c => c.Runs, runs).Add(c => c.Language, "python"));
        Assert.True(controls.Find("#run-button").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_browser_runner_calls_the_runner_module()
    {
        var module = JSInterop.SetupModule("./js/code-runner.js");
        var result = new ExecutionResult("javascript", true, "2", null, 3, ["Hello"]);
        module.Setup<ExecutionResult>("run", "javascript", "return 2", 5000, "1\n2").SetResult(result);
        module.Setup<double>("prepare", "python", "pyodide/").SetResult(2500);
        module.Setup<double>("prepare", "typescript", null).SetResult(700);
        module.SetupVoid("stop").SetVoidResult();
        module.SetupVoid("listenForRunShortcut", _ => true).SetVoidResult();
        module.SetupVoid("stopListeningForRunShortcut").SetVoidResult();
        await using var runner = new BrowserCodeRunner(JSInterop.JSRuntime);

        Assert.Equal(result, await runner.RunAsync("javascript", "return 2", TimeSpan.FromSeconds(5), "1\n2"));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), await runner.PrepareAsync("python", "pyodide/"));
        Assert.Equal(TimeSpan.FromMilliseconds(700), await runner.PrepareAsync("typescript", null));
        await runner.StopAsync();
        var shortcuts = 0;
        var listening = await runner.ListenForRunShortcutAsync(() => { shortcuts++; return Task.CompletedTask; });

        // What the page's keydown listener calls: the [JSInvokable] method behind the object reference.
        var reference = module.Invocations["listenForRunShortcut"].Single().Arguments[0]!;
        Assert.Equal(typeof(DotNetObjectReference<>), reference.GetType().GetGenericTypeDefinition());
        var target = reference.GetType().GetProperty("Value")!.GetValue(reference)!;
        await (Task)target.GetType().GetMethod("RunFromShortcut")!.Invoke(target, null)!;
        Assert.Equal(1, shortcuts);
        await listening.DisposeAsync();

        Assert.Single(module.Invocations["stop"]);
        Assert.Single(module.Invocations["stopListeningForRunShortcut"]);
    }

    [Fact]
    public void Runner_settings_are_read_from_configuration_with_the_documented_defaults()
    {
        var defaults = RunnerOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal(("pyodide/", true, 10), (defaults.PyodideBaseUrl, defaults.EnablePython, defaults.ExecutionsPerMinute));

        var set = RunnerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["runner:pyodideBaseUrl"] = "https://cdn.example.org/pyodide/",
            ["runner:enablePython"] = "false",
            ["runner:executionsPerMinute"] = "3",
        }).Build());
        Assert.Equal(("https://cdn.example.org/pyodide/", false, 3), (set.PyodideBaseUrl, set.EnablePython, set.ExecutionsPerMinute));
    }
}
