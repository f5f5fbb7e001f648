using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Browser.Tests;

/// <summary>Python runs on Pyodide served by the gateway itself, in a worker with a 10 s limit (docs/protocol.md, "Runs").</summary>
[Collection(BrowserCollection.Name)]
public class PythonRunTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string SpecExample = "print('Hello')\nresult = 1 + 1\nprint(result)";

    [Fact]
    public async Task Pyodide_loads_from_the_gateway_and_runs_specs_example()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await PythonSessionAsync(ada, "Ada");

        // A candidate opening the link in a fresh browser: Python loads as the session opens.
        var bob = await fixture.NewParticipantAsync();
        var requests = new List<string>();
        bob.Context.Request += (_, request) => requests.Add(request.Url);
        var opened = Stopwatch.StartNew();
        await Participant.JoinAsync(bob, link, "Bob");
        var joined = opened.ElapsedMilliseconds;
        await bob.WaitForSelectorAsync(".python-status.loading, .python-status.ready");
        await bob.WaitForSelectorAsync(".python-status.ready", new PageWaitForSelectorOptions { Timeout = 60_000 });
        output.WriteLine($"Python cold start, link opened to ready: {opened.ElapsedMilliseconds} ms, to the editor showing the session {joined} ms ({await Runner.TextAsync(bob, ".python-status")})");

        await Runner.SetCodeAsync(bob, SpecExample);
        await Runner.RunAsync(bob);

        Assert.Equal("Finished", await Runner.TextAsync(bob, ".run-outcome"));
        Assert.Equal("Hello\n2", await Runner.TextAsync(bob, ".run-output"));
        Assert.Equal("Python", (await Runner.TextAsync(bob, ".run-meta")).Split(" · ")[2]);

        // Every file Pyodide needed came from the gateway; nothing left it.
        Assert.Contains(requests, url => url.EndsWith("/pyodide/pyodide.asm.wasm", StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/pyodide/python_stdlib.zip", StringComparison.Ordinal));
        Assert.All(requests, url => Assert.StartsWith(fixture.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));

        for (var run = 0; run < 3; run++)
        {
            await SpareReadyAsync(bob); // each run takes a fresh interpreter, loaded ahead
            var roundTrip = Stopwatch.StartNew();
            var result = await Runner.ResultOfAsync(bob, "python", SpecExample, 10_000);
            Assert.Equal("Hello\n2", result.GetProperty("output").GetString());
            output.WriteLine($"Warm Python run of the documented example: {result.GetProperty("executionTime").GetInt64()} ms in the worker, {roundTrip.ElapsedMilliseconds} ms from the test's call to its result");
        }

        for (var run = 0; run < 3; run++)
        {
            var roundTrip = Stopwatch.StartNew();
            var javascript = await Runner.ResultOfAsync(bob, "javascript", "console.log('Hello'); return 1 + 1;");
            Assert.Equal("2", javascript.GetProperty("output").GetString());
            output.WriteLine($"JavaScript run of the documented example: {javascript.GetProperty("executionTime").GetInt64()} ms in the worker, {roundTrip.ElapsedMilliseconds} ms from the test's call to its result");
        }
    }

    [Fact]
    public async Task Errors_show_their_traceback_and_user_code_has_no_network_and_no_keyboard()
    {
        var page = await fixture.NewParticipantAsync();
        await PythonSessionAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "def divide(a, b):\n    return a / b\n\nprint(divide(1, 0))");

        await Runner.RunAsync(page);

        Assert.Equal("Failed", await Runner.TextAsync(page, ".run-outcome"));
        var error = await Runner.TextAsync(page, ".run-error");
        Assert.StartsWith("Traceback (most recent call last):", error, StringComparison.Ordinal);
        Assert.Contains("File \"main.py\", line 4, in <module>", error, StringComparison.Ordinal);
        Assert.Contains("File \"main.py\", line 2, in divide", error, StringComparison.Ordinal);
        Assert.EndsWith("ZeroDivisionError: division by zero", error, StringComparison.Ordinal);
        Assert.DoesNotContain("_pyodide", error, StringComparison.Ordinal); // the runner's own frames are left out

        var syntax = await Runner.ResultOfAsync(page, "python", "x = 1\nif x\n    print(x)", 10_000);
        Assert.Equal(2, syntax.GetProperty("line").GetInt32());
        Assert.Contains("SyntaxError", syntax.GetProperty("error").GetString(), StringComparison.Ordinal);

        string[] networkAttempts =
        [
            "import js\njs.fetch('/api/health')",
            "import js\njs.XMLHttpRequest.new()",
            "from pyodide.http import open_url\nopen_url('/api/health')",
            "from pyodide.http import pyfetch\nawait pyfetch('/api/health')",
            "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:1/')",
        ];
        foreach (var attempt in networkAttempts)
        {
            var result = await Runner.ResultOfAsync(page, "python", attempt + "\nprint('reached')", 10_000);
            Assert.False(result.GetProperty("success").GetBoolean(), attempt);
            Assert.Equal(string.Empty, result.GetProperty("output").GetString());
        }

        // No program input: input() meets the end of it at once, as a program reading an empty pipe does.
        var input = await Runner.ResultOfAsync(page, "python", "name = input('Your name? ')\nprint(name)", 10_000);
        Assert.False(input.GetProperty("success").GetBoolean());
        Assert.Contains("EOFError", input.GetProperty("error").GetString(), StringComparison.Ordinal);

        var stderr = await Runner.ResultOfAsync(page, "python", "import sys\nprint('to stderr', file=sys.stderr)\nprint('to stdout')", 10_000);
        Assert.True(stderr.GetProperty("success").GetBoolean());
        Assert.Equal("to stdout", stderr.GetProperty("output").GetString());
        Assert.Equal("to stderr", stderr.GetProperty("error").GetString());

        var fresh = await Runner.ResultOfAsync(page, "python", "print('leftover' in globals())", 10_000);
        Assert.Equal("False", fresh.GetProperty("output").GetString()); // each run starts with fresh globals
    }

    [Fact]
    public async Task An_endless_loop_ends_at_ten_seconds_and_the_next_run_works()
    {
        var page = await fixture.NewParticipantAsync();
        await PythonSessionAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "print('before the loop')\nwhile True:\n    pass");

        await page.ClickAsync("#run-button");
        await page.WaitForSelectorAsync("#stop-button");
        await page.ClickAsync("#theme-toggle"); // the page answers while Python spins
        Assert.Equal("Dark theme", await Runner.TextAsync(page, "#theme-toggle"));
        await page.WaitForSelectorAsync(".run-meta", new PageWaitForSelectorOptions { Timeout = 30_000 });

        Assert.Equal("Timed out", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Equal("10000 ms", await Runner.TextAsync(page, ".run-time"));
        Assert.Contains("EXECUTION_TIMEOUT", await Runner.TextAsync(page, ".run-error"), StringComparison.Ordinal);
        Assert.Equal("before the loop", await Runner.TextAsync(page, ".run-output")); // what it printed before it was cut off

        await Runner.SetCodeAsync(page, SpecExample);
        await Runner.RunAsync(page);
        Assert.Equal("Hello\n2", await Runner.TextAsync(page, ".run-output"));
    }

    [Fact]
    public async Task A_megabyte_of_output_is_cut_at_ten_kilobytes_with_a_marker()
    {
        var page = await fixture.NewParticipantAsync();
        await PythonSessionAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "print('x' * 1_000_000)");

        await Runner.RunAsync(page);

        var shown = await Runner.TextAsync(page, ".run-output");
        Assert.True(shown.Length > 0, await Runner.TextAsync(page, ".output"));
        Assert.StartsWith(new string('x', 10 * 1024) + "\n… output cut at 10 KB (", shown, StringComparison.Ordinal);
        Assert.EndsWith("more bytes not shown)", shown, StringComparison.Ordinal);
        Assert.Contains("(989761 more bytes not shown)", shown, StringComparison.Ordinal); // 1,000,001 printed, 10,240 kept
    }

    [Fact]
    public async Task A_run_with_its_interpreter_loaded_ahead_answers_at_once_and_one_without_waits_for_pyodide()
    {
        var page = await fixture.NewParticipantAsync();
        await PythonSessionAsync(page, "Ada");
        await page.WaitForSelectorAsync(".python-status.ready", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Runner.SetCodeAsync(page, "print(1)");

        var warm = new List<double>();
        var cold = new List<double>();
        var loads = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            loads.Add(await SpareReadyAsync(page)); // loaded ahead, as it is a few seconds after the last run
            warm.Add(await ClickToResultAsync(page, "1"));
        }

        for (var run = 0; run < 2; run++)
        {
            await SpareReadyAsync(page);
            await page.EvaluateAsync("async () => (await import('/js/code-runner.js')).reset()"); // no spare: this run loads its own
            cold.Add(await ClickToResultAsync(page, "1"));
        }

        static string Times(IEnumerable<double> times) => string.Join(", ", times.Select(ms => $"{ms:0} ms"));
        output.WriteLine($"Python print(1), Run clicked to its result shown: with the interpreter loaded ahead {Times(warm)}; " +
            $"without a spare (Pyodide loaded first) {Times(cold)}; each spare's Pyodide load in its worker {Times(loads)}");
        Assert.All(warm, ms => Assert.InRange(ms, 0, 5000)); // a Python run is to take under 5 s once Pyodide has loaded
        Assert.All(cold, ms => Assert.True(ms > warm.Min(), "a run without a spare waits for Pyodide"));
    }

    /// <summary>Waits until the spare interpreter has loaded; answers its load time in ms.</summary>
    private static Task<double> SpareReadyAsync(IPage page) =>
        page.EvaluateAsync<double>("async () => (await import('/js/code-runner.js')).preparePython('pyodide/')");

    /// <summary>Clicks Run and measures, on the page's clock, until the output panel shows a new finished run with <paramref name="expected"/>.</summary>
    private static async Task<double> ClickToResultAsync(IPage page, string expected) =>
        await page.EvaluateAsync<double>("""
            expected => new Promise(resolve => {
              const before = document.querySelector('.run-meta');
              const started = performance.now();
              const done = () => {
                const meta = document.querySelector('.run-meta');
                if (meta && meta !== before && document.querySelector('.run-output')?.textContent === expected && document.querySelector('#run-button')) {
                  observer.disconnect();
                  resolve(performance.now() - started);
                }
              };
              const observer = new MutationObserver(done);
              observer.observe(document.body, { subtree: true, childList: true, characterData: true });
              document.querySelector('#run-button').click();
            })
            """, expected);

    private static async Task<string> PythonSessionAsync(IPage page, string name)
    {
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#language", "python");
        await page.ClickAsync("#create-session");
        var link = await page.InputValueAsync("#share-url");
        await Participant.JoinAsync(page, link, name);
        return link;
    }
}
