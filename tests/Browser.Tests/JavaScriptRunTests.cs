using System.Text.Json;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>JavaScript runs in a Web Worker with no DOM, no network and a 5 s limit (docs/protocol.md, "Runs").</summary>
[Collection(BrowserCollection.Name)]
public class JavaScriptRunTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Specs_example_gives_its_output_and_logs()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "console.log('Hello'); return 1 + 1;");

        await Runner.RunAsync(page);

        Assert.Equal("2", await Runner.TextAsync(page, ".run-output"));
        Assert.Equal("Hello", await Runner.TextAsync(page, ".run-logs"));
        Assert.Equal("Finished", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Equal("Ada", await Runner.TextAsync(page, ".run-by"));
        Assert.Matches(@"^\d+ ms$", await Runner.TextAsync(page, ".run-time"));

        var result = await Runner.ResultOfAsync(page, "javascript", "console.log('Hello'); return 1 + 1;");
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal("2", result.GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal(["Hello"], result.GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.True(result.GetProperty("executionTime").GetInt64() >= 0);
    }

    private static readonly (string What, string Attempt)[] NetworkAttempts =
    [
        ("fetch", "await fetch('/api/health')"),
        ("XMLHttpRequest", "const x = new XMLHttpRequest(); x.open('GET', '/api/health', false); x.send()"),
        ("WebSocket", "new WebSocket('ws://127.0.0.1:1/')"),
        ("EventSource", "new EventSource('/api/health')"),
        ("importScripts", "importScripts('/js/interview.js')"),
        ("import()", "await import('http://127.0.0.1:1/evil.js')"),
        ("a nested Worker", "new Worker('/js/interview.js')"),
        ("postMessage to the page", "postMessage({ type: 'result', result: { success: true } })"),
    ];

    [Fact]
    public async Task User_code_cannot_reach_the_network()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        // Requests the browser let out; one that a Content-Security-Policy stopped ends as failed, not finished.
        var finished = new List<string>();
        var blocked = new List<string>();
        page.Context.RequestFinished += (_, request) => { lock (finished) { finished.Add(request.Url); } };
        page.Context.RequestFailed += (_, request) => { lock (finished) { blocked.Add($"{request.Url} ({request.Failure})"); } };

        foreach (var (what, attempt) in NetworkAttempts)
        {
            var result = await Runner.ResultOfAsync(page, "javascript", $"{attempt};\nreturn 'reached';");

            Assert.False(result.GetProperty("success").GetBoolean(), $"{what} must fail inside user code");
            Assert.Equal("EXECUTION_ERROR", result.GetProperty("errorCode").GetString());
            Assert.NotEqual("reached", result.GetProperty("output").GetString());
        }

        string[] seen, refused;
        lock (finished)
        {
            (seen, refused) = ([.. finished], [.. blocked]); // the browser's events come on another thread
        }

        Assert.DoesNotContain(seen, url => url.Contains("/api/health", StringComparison.Ordinal) || url.Contains("evil", StringComparison.Ordinal));
        Assert.All(refused, failure => Assert.EndsWith("(csp)", failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_code_sees_no_document_and_no_window()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");

        var result = await Runner.ResultOfAsync(page, "javascript",
            "return [typeof document, typeof window, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts].join(' ')");

        Assert.Equal("undefined undefined undefined undefined undefined undefined", result.GetProperty("output").GetString());
    }

    [Fact]
    public async Task A_thrown_error_shows_its_message_and_line()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "const answer = 42;\n\nnull.length;\nreturn answer;");

        await Runner.RunAsync(page);

        Assert.Equal("Failed", await Runner.TextAsync(page, ".run-outcome"));
        var error = await Runner.TextAsync(page, ".run-error");
        Assert.Contains("TypeError", error, StringComparison.Ordinal);
        Assert.Contains("(line 3)", error, StringComparison.Ordinal);

        var syntax = await Runner.ResultOfAsync(page, "javascript", "let fine = 1;\nlet broken = ;\nreturn fine;");
        Assert.Equal(2, syntax.GetProperty("line").GetInt32());
        Assert.StartsWith("SyntaxError", syntax.GetProperty("error").GetString(), StringComparison.Ordinal);

        var thrown = await Runner.ResultOfAsync(page, "javascript", "throw new RangeError('too far');");
        Assert.Equal("RangeError: too far (line 1)", thrown.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_endless_loop_ends_at_five_seconds_while_the_page_still_answers()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "while (true) {}");

        await page.ClickAsync("#run-button");
        await page.WaitForSelectorAsync("#stop-button");
        Assert.Equal("Light theme", await Runner.TextAsync(page, "#theme-toggle"));
        await page.ClickAsync("#theme-toggle"); // the page's own thread is free
        Assert.Equal("Dark theme", await Runner.TextAsync(page, "#theme-toggle"));
        await page.WaitForSelectorAsync(".run-meta", new PageWaitForSelectorOptions { Timeout = 15_000 });

        Assert.Equal("Timed out", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Contains("EXECUTION_TIMEOUT", await Runner.TextAsync(page, ".run-error"), StringComparison.Ordinal);
        Assert.Equal("5000 ms", await Runner.TextAsync(page, ".run-time"));

        // The next run gets a fresh worker.
        await Runner.SetCodeAsync(page, "return 'again';");
        await Runner.RunAsync(page);
        Assert.Equal("again", await Runner.TextAsync(page, ".run-output"));
    }

    [Fact]
    public async Task A_running_program_can_be_stopped_with_ctrl_enter_to_start_it()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "console.log('started');\nwhile (true) {}");
        await Editor.PlaceCursorAtEndAsync(page);

        await page.Keyboard.PressAsync("Control+Enter");
        await page.ClickAsync("#stop-button");
        await page.WaitForSelectorAsync(".run-meta");

        Assert.Equal("Failed", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Contains("Stopped", await Runner.TextAsync(page, ".run-error"), StringComparison.Ordinal);
        Assert.Equal("console.log('started');\nwhile (true) {}", await Editor.TextAsync(page)); // Ctrl+Enter ran, it did not type
    }
}
