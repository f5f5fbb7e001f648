using Interview.Tests.Common;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>
/// Nothing outlives a run: each gets a fresh worker (a fresh Pyodide for Python), so what one program
/// leaves behind reaches neither the next run nor the other participant, and no runner survives
/// leaving the session page for another interview in the same tab.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunIsolationTests(BrowserFixture fixture)
{
    private static readonly PageWaitForSelectorOptions PythonLoad = new() { Timeout = 60_000 };

    // Patches builtins, and leaves timers of every kind Python has here to print into whatever runs next.
    private const string LeavesThingsBehind = """
        import asyncio, builtins, sys, threading
        from js import setTimeout
        from pyodide.ffi import create_proxy

        def later(what):
            return lambda *args: sys.stdout.write(f"LEAKED from the last run: {what}\n")

        for delay in (500, 1500, 3000, 5000):
            setTimeout(create_proxy(later(f"js.setTimeout {delay} ms")), delay)
        asyncio.get_event_loop().call_later(2, later("asyncio call_later"))
        try:
            threading.Timer(2, later("threading.Timer")).start()
        except RuntimeError:
            pass  # no threads in Pyodide
        sys.stdout.write("patched, timers set")
        builtins.print = lambda *args, **kwargs: None
        builtins.len = lambda obj: -1
        """;

    // Runs while those timers would fire, and needs print and len as Python has them.
    private const string RunsWhileTheyWouldFire = """
        import asyncio
        await asyncio.sleep(6)
        print(len([1, 2, 3]))
        print("print works")
        """;

    [Fact]
    public async Task Patched_builtins_and_timers_of_a_python_run_reach_neither_the_next_run_nor_the_other_participant()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada", "python");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");
        await ada.WaitForSelectorAsync(".python-status.ready", PythonLoad);

        await Runner.SetCodeAsync(ada, LeavesThingsBehind);
        await Runner.RunAsync(ada);
        Assert.Equal("patched, timers set", await Runner.TextAsync(ada, ".run-output"));
        await Eventually.HoldsAsync(async () => await Runner.TextAsync(bob, ".run-output") == "patched, timers set", "Bob sees the first run");

        await Runner.SetCodeAsync(ada, RunsWhileTheyWouldFire);
        await Runner.RunAsync(ada);

        Assert.Equal("Finished", await Runner.TextAsync(ada, ".run-outcome"));
        Assert.Equal("3\nprint works", await Runner.TextAsync(ada, ".run-output"));
        Assert.Equal(string.Empty, await Runner.TextAsync(ada, ".run-error"));
        await Eventually.HoldsAsync(async () => await Runner.TextAsync(bob, ".run-output") != "patched, timers set", "Bob sees the second run");
        Assert.Equal("3\nprint works", await Runner.TextAsync(bob, ".run-output"));
        Assert.Equal(string.Empty, await Runner.TextAsync(bob, ".run-error"));
    }

    [Fact]
    public async Task A_program_replacing_pyodides_runner_or_the_workers_message_handler_captures_no_later_program()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "python");
        await page.WaitForSelectorAsync(".python-status.ready", PythonLoad);

        var capture = await Runner.ResultOfAsync(page, "python", """
            import js, pyodide_js, sys
            from pyodide.ffi import create_proxy

            async def captured(code, *args):
                sys.stdout.write("CAPTURED: " + code)

            pyodide_js.runPythonAsync = create_proxy(captured)
            pyodide_js.runPython = create_proxy(captured)
            js.self.onmessage = create_proxy(lambda event: sys.stdout.write("CAPTURED a message"))
            print("replaced")
            """, 10_000);
        Assert.Equal("replaced", capture.GetProperty("output").GetString());

        var next = await Runner.ResultOfAsync(page, "python", "print('the next program')", 10_000);

        Assert.True(next.GetProperty("success").GetBoolean());
        Assert.Equal("the next program", next.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Leaving_a_session_for_the_next_interview_ends_its_runners_and_nothing_they_would_print_shows_there()
    {
        var ada = await fixture.NewParticipantAsync();
        var first = await Participant.CreateAndJoinAsync(ada, "Ada", "python");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, first, "Bob");
        await ada.WaitForSelectorAsync(".python-status.ready", PythonLoad);
        await Runner.SetCodeAsync(ada, LeavesThingsBehind);
        await Runner.RunAsync(ada);
        await Eventually.HoldsAsync(async () => await Runner.TextAsync(bob, ".run-output") == "patched, timers set", "Bob sees the first run");

        // A run left going, and the spares, when the interviewer goes on to the next interview in the tab.
        await Runner.SetCodeAsync(ada, "import asyncio\nprint('started')\nawait asyncio.sleep(8)\nprint('LEAKED: the end of the last interview')");
        await ada.ClickAsync("#run-button");
        await ada.WaitForSelectorAsync("#stop-button");
        var left = ada.Workers.ToList();
        Assert.NotEmpty(left);

        await ada.ClickAsync(".brand"); // the app's own navigation: no reload
        await ada.SelectOptionAsync("#language", "python");
        await ada.ClickAsync("#create-session");
        await ada.ClickAsync("#open-session");
        await ada.WaitForSelectorAsync(".participant:has-text('Ada')");
        await Eventually.HoldsAsync(() => left.All(worker => !ada.Workers.Contains(worker)), "every runner of the last session has ended");

        await ada.WaitForSelectorAsync(".python-status.ready", PythonLoad);
        Assert.Equal("Nothing has run yet. Run the code with Run or Ctrl+Enter; everyone here sees the result.", await Runner.TextAsync(ada, ".run"));
        await Runner.SetCodeAsync(ada, RunsWhileTheyWouldFire);
        await Runner.RunAsync(ada);
        Assert.Equal("3\nprint works", await Runner.TextAsync(ada, ".run-output"));
        Assert.Equal("patched, timers set", await Runner.TextAsync(bob, ".run-output")); // the run left going never finished

        // Straight from one session's page to another's (a link followed inside the app) does the same.
        await Runner.SetCodeAsync(ada, "import asyncio\nawait asyncio.sleep(8)\nprint('LEAKED: the end of the second interview')");
        await ada.ClickAsync("#run-button");
        await ada.WaitForSelectorAsync("#stop-button");
        left = ada.Workers.ToList();
        await ada.EvaluateAsync("url => Blazor.navigateTo(url)", first);
        await ada.WaitForSelectorAsync(".run:has-text('Nothing has run yet')");
        await Eventually.HoldsAsync(() => left.All(worker => !ada.Workers.Contains(worker)), "every runner of the second session has ended");
        await ada.WaitForSelectorAsync(".participant:has-text('Bob')");
        await ada.WaitForSelectorAsync(".python-status.ready", PythonLoad);
        await Runner.SetCodeAsync(ada, "print('back in the first interview')");
        await Runner.RunAsync(ada);
        Assert.Equal("back in the first interview", await Runner.TextAsync(ada, ".run-output"));
        await Eventually.HoldsAsync(async () => await Runner.TextAsync(bob, ".run-output") == "back in the first interview", "Bob sees Ada's run");
    }
}
