using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Browser.Tests;

/// <summary>
/// TypeScript compiled by Monaco's own TypeScript worker and run in the JavaScript runner's sandbox, with
/// its limits and result shape (docs/protocol.md, "Runs"): type errors listed with their lines and the
/// program still run, a syntax error stopping it with its line.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TypeScriptRunTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly PageWaitForSelectorOptions CompilerLoad = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_program_runs_with_its_type_errors_listed_by_line_and_the_other_participant_sees_the_same()
    {
        var ada = await fixture.NewParticipantAsync();
        var opened = Stopwatch.StartNew();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada", "typescript");
        await ada.WaitForSelectorAsync(".typescript-status.ready", CompilerLoad);
        output.WriteLine($"TypeScript cold start, home page to compiler ready: {opened.ElapsedMilliseconds} ms ({await Runner.TextAsync(ada, ".typescript-status")})");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");
        await Editor.WaitForLanguageAsync(bob, "typescript");

        await Runner.SetCodeAsync(ada, """
            interface Point { x: number; y: number }
            const p: Point = { x: 1, y: 2 };
            const label: string = p.x;
            console.log('Hello');
            console.log(p.x + p.y, label);
            """);
        await Runner.RunAsync(ada);

        foreach (var page in new[] { ada, bob })
        {
            await page.WaitForSelectorAsync(".run-meta");
            Assert.Equal("Finished", await Runner.TextAsync(page, ".run-outcome"));
            Assert.Equal("TypeScript", (await Runner.TextAsync(page, ".run-meta")).Split(" · ")[2]);
            Assert.Equal("Hello\n3 1", await Runner.TextAsync(page, ".run-logs"));
            Assert.Equal("Type errors (the program still ran):\nline 3: Type 'number' is not assignable to type 'string'. (TS2322)",
                await Runner.TextAsync(page, ".run-error"));
        }
    }

    [Fact]
    public async Task A_runtime_error_gives_the_line_of_the_typescript_and_a_syntax_error_stops_the_program_with_its_line()
    {
        var page = await TypeScriptPageAsync();

        // Type-only lines vanish from the JavaScript: the line is still the TypeScript's.
        var thrown = await Runner.ResultOfAsync(page, "typescript", "type Id = number;\ninterface User {\n  id: Id;\n}\n\nconst users: User[] = [];\nusers[0].id.toFixed();");
        Assert.False(thrown.GetProperty("success").GetBoolean());
        Assert.Equal(7, thrown.GetProperty("line").GetInt32());
        Assert.StartsWith("TypeError", thrown.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(line 7)", thrown.GetProperty("error").GetString(), StringComparison.Ordinal);

        var syntax = await Runner.ResultOfAsync(page, "typescript", "console.log('before');\nlet broken: number = ;\nconsole.log('after');");
        Assert.False(syntax.GetProperty("success").GetBoolean());
        Assert.Equal("EXECUTION_ERROR", syntax.GetProperty("errorCode").GetString());
        Assert.Equal(2, syntax.GetProperty("line").GetInt32());
        Assert.Equal("SyntaxError: Expression expected. (TS1109) (line 2)", syntax.GetProperty("error").GetString());
        Assert.Empty(syntax.GetProperty("logs").EnumerateArray()); // nothing ran

        // The program is an async function's body, as in JavaScript: a top-level return is its output, and
        // neither that, a top-level await nor an `export {}` is an error.
        var returned = await Runner.ResultOfAsync(page, "typescript", "const x: number = 2;\nreturn x * 21;");
        Assert.Equal("42", returned.GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, returned.GetProperty("error").ValueKind);
        var awaited = await Runner.ResultOfAsync(page, "typescript", "export {};\nconst word: string = await Promise.resolve('module');\nconsole.log(word);");
        Assert.Equal(["module"], awaited.GetProperty("logs").EnumerateArray().Select(line => line.GetString()));
        Assert.Equal(JsonValueKind.Null, awaited.GetProperty("error").ValueKind);

        var template = await Runner.ResultOfAsync(page, "typescript", "// Write your TypeScript code here\n\nfunction solution(): void {\n  // Your code\n}\n\nsolution();");
        Assert.True(template.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Null, template.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Readline_reads_the_program_input_without_a_type_error()
    {
        var page = await TypeScriptPageAsync();

        var result = await Runner.ResultOfAsync(page, "typescript",
            "const first: string | null = readline();\nconst second = readline();\nconsole.log(first, second, readline());", input: "3\n4 5\n");

        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        Assert.Equal(["3 4 5 null"], result.GetProperty("logs").EnumerateArray().Select(line => line.GetString()));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task An_endless_loop_ends_at_five_seconds_and_the_next_run_works()
    {
        var page = await TypeScriptPageAsync();
        await Runner.SetCodeAsync(page, "let n: number = 0;\nwhile (true) { n++; }");

        await page.ClickAsync("#run-button");
        await page.WaitForSelectorAsync(".run-meta", new PageWaitForSelectorOptions { Timeout = 15_000 });

        Assert.Equal("Timed out", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Contains("EXECUTION_TIMEOUT", await Runner.TextAsync(page, ".run-error"), StringComparison.Ordinal);
        Assert.Equal("5000 ms", await Runner.TextAsync(page, ".run-time"));
        var again = await Runner.ResultOfAsync(page, "typescript", "const word: string = 'again';\nconsole.log(word);");
        Assert.Equal(["again"], again.GetProperty("logs").EnumerateArray().Select(line => line.GetString()));
    }

    [Fact]
    public async Task Typescript_sees_no_document_no_window_and_no_network()
    {
        var page = await TypeScriptPageAsync();
        var finished = new List<string>();
        page.Context.RequestFinished += (_, request) =>
        {
            lock (finished)
            {
                finished.Add(request.Url);
            }
        };

        var globals = await Runner.ResultOfAsync(page, "typescript",
            "console.log([typeof document, typeof window, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts].join(' '));");
        Assert.Equal(["undefined undefined undefined undefined undefined undefined"], globals.GetProperty("logs").EnumerateArray().Select(line => line.GetString()));

        foreach (var attempt in new[] { "await fetch('/api/health');", "new WebSocket('ws://127.0.0.1:1/');", "await import('http://127.0.0.1:1/evil.js');", "new Worker('/js/interview.js');" })
        {
            var result = await Runner.ResultOfAsync(page, "typescript", $"{attempt}\nconsole.log('reached');");
            Assert.False(result.GetProperty("success").GetBoolean(), $"{attempt} must fail inside user code");
            Assert.Empty(result.GetProperty("logs").EnumerateArray());
        }

        string[] seen;
        lock (finished)
        {
            seen = [.. finished]; // the browser's events come on another thread
        }

        Assert.DoesNotContain(seen, url => url.Contains("/api/health", StringComparison.Ordinal) || url.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hundred_line_program_compiles_and_runs_and_its_output_is_cut_at_10_KB()
    {
        var page = await TypeScriptPageAsync();
        var program = new StringBuilder("interface Shape { area(): number }\n");
        for (var i = 0; i < 24; i++)
        {
            program.Append($"class Square{i} implements Shape {{\n  constructor(private side: number) {{}}\n  area(): number {{ return this.side * this.side; }}\n}}\n");
        }

        program.Append("const total: number = [new Square0(2), new Square23(3)].reduce((sum, s) => sum + s.area(), 0);\nconsole.log(total);\nconsole.log('x'.repeat(20000));");
        Assert.Equal(100, program.ToString().Split('\n').Length);

        for (var run = 0; run < 3; run++)
        {
            var roundTrip = Stopwatch.StartNew();
            var result = await Runner.ResultOfAsync(page, "typescript", program.ToString());
            output.WriteLine($"Warm TypeScript compile and run of a 100-line program: {roundTrip.ElapsedMilliseconds} ms from the test's call to its result ({result.GetProperty("executionTime").GetInt64()} ms running)");
            var logs = result.GetProperty("logs").EnumerateArray().Select(line => line.GetString()!).ToList();
            Assert.Equal("13", logs[0]);
            Assert.Contains("output cut at 10 KB", logs[^1], StringComparison.Ordinal);
        }
    }

    private async Task<IPage> TypeScriptPageAsync()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "typescript");
        await page.WaitForSelectorAsync(".typescript-status.ready", CompilerLoad);
        return page;
    }
}
