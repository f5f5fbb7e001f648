using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Browser.Tests;

/// <summary>
/// SQL on SQLite (sql.js, served by the gateway) in a worker with a 5 s limit: each run builds a fresh
/// in-memory database from the session's text, and every statement that returns rows shows a table
/// (docs/protocol.md, "SQL results"), the same on every participant's page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SqlRunTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly PageWaitForSelectorOptions SqliteLoad = new() { Timeout = 60_000 };

    [Fact]
    public async Task The_template_runs_and_both_participants_see_its_table()
    {
        var ada = await fixture.NewParticipantAsync();
        var requests = new List<string>();
        ada.Context.Request += (_, request) => requests.Add(request.Url);
        var opened = Stopwatch.StartNew();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada", "sql");
        await ada.WaitForSelectorAsync(".sql-status.ready", SqliteLoad);
        output.WriteLine($"SQLite cold start, home page to ready: {opened.ElapsedMilliseconds} ms ({await Runner.TextAsync(ada, ".sql-status")})");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");
        await Editor.WaitForLanguageAsync(bob, "sql");

        await Runner.RunAsync(ada);

        foreach (var page in new[] { ada, bob })
        {
            await page.WaitForSelectorAsync(".result-table");
            Assert.Equal("Finished", await Runner.TextAsync(page, ".run-outcome"));
            Assert.Equal("SQL", (await Runner.TextAsync(page, ".run-meta")).Split(" · ")[2]);
            Assert.Equal(["department", "people", "average_salary"], await page.Locator(".result-table th").AllTextContentsAsync());
            Assert.Equal(["Engineering", "2", "117500.0", "Operations", "1", "90000.0"], await page.Locator(".result-table td").AllTextContentsAsync());
            Assert.Equal("2 rows · statement at line 15", await Runner.TextAsync(page, ".result-table figcaption"));
        }

        Assert.Contains(requests, url => url.EndsWith("/sqljs/sql-wasm.wasm", StringComparison.Ordinal));
        Assert.All(requests, url => Assert.StartsWith(fixture.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));

        // A SPEC-only client reads the same result as text.
        var result = await Runner.ResultOfAsync(ada, "sql", "SELECT 1 AS one, NULL AS missing, 'a' || 'b' AS text;");
        Assert.Equal("one | missing | text\n1 | NULL | ab\n(1 row)", result.GetProperty("output").GetString());
    }

    [Fact]
    public async Task An_error_gives_its_statements_line_and_every_run_starts_from_an_empty_database()
    {
        var page = await SqlPageAsync();

        var failed = await Runner.ResultOfAsync(page, "sql", "CREATE TABLE t (a INTEGER);\nINSERT INTO t VALUES (1);\nSELECT a FROM t;\n\n-- the mistake\nSELECT b\n  FROM t;");
        Assert.False(failed.GetProperty("success").GetBoolean());
        Assert.Equal("EXECUTION_ERROR", failed.GetProperty("errorCode").GetString());
        Assert.Equal(6, failed.GetProperty("line").GetInt32());
        Assert.Equal("no such column: b (line 6)", failed.GetProperty("error").GetString());
        Assert.Equal("a\n1\n(1 row)", failed.GetProperty("output").GetString()); // what ran before it still shows

        var fresh = await Runner.ResultOfAsync(page, "sql", "SELECT * FROM t;");
        Assert.Equal("no such table: t (line 1)", fresh.GetProperty("error").GetString());

        var input = await Runner.ResultOfAsync(page, "sql", "SELECT 'ignores its input' AS said;", input: "DROP TABLE x;\n");
        Assert.True(input.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_recursive_query_that_never_ends_is_stopped_at_five_seconds_and_the_next_run_works()
    {
        var page = await SqlPageAsync();
        await Runner.SetCodeAsync(page, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)\nSELECT count(*) FROM c;");

        await page.ClickAsync("#run-button");
        await page.WaitForSelectorAsync(".run-meta", new PageWaitForSelectorOptions { Timeout = 15_000 });

        Assert.Equal("Timed out", await Runner.TextAsync(page, ".run-outcome"));
        Assert.Contains("EXECUTION_TIMEOUT", await Runner.TextAsync(page, ".run-error"), StringComparison.Ordinal);
        Assert.Equal("5000 ms", await Runner.TextAsync(page, ".run-time"));
        Assert.Equal("Light theme", await Runner.TextAsync(page, "#theme-toggle")); // the page still answers
        var again = await Runner.ResultOfAsync(page, "sql", "SELECT 'again' AS word;");
        Assert.Equal("word\nagain\n(1 row)", again.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Rows_past_a_thousand_or_the_output_limit_are_cut_and_counted_for_everyone()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada", "sql");
        await ada.WaitForSelectorAsync(".sql-status.ready", SqliteLoad);
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        var many = await Runner.ResultOfAsync(ada, "sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) SELECT x FROM c;");
        var table = many.GetProperty("tables")[0];
        Assert.Equal(1000, table.GetProperty("rows").GetArrayLength());
        Assert.Equal(1500, table.GetProperty("rowCount").GetInt32());
        Assert.EndsWith("(showing 1,000 of 1,500 rows)", many.GetProperty("output").GetString(), StringComparison.Ordinal);

        await Runner.SetCodeAsync(ada, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)\nSELECT x, 'twenty characters wide' AS padding FROM c;\nSELECT 'after' AS a_column_name_longer_than_what_is_left_of_the_limit;");
        await Runner.RunAsync(ada);

        foreach (var page in new[] { ada, bob })
        {
            await page.WaitForSelectorAsync(".result-table figcaption");
            var caption = await Runner.TextAsync(page, ".result-table figcaption");
            Assert.Equal("showing 382 of 5,000 rows · statement at line 1", caption);
            Assert.Equal(382, await page.Locator(".result-table tbody tr").CountAsync());
            Assert.Equal("Finished", await Runner.TextAsync(page, ".run-outcome"));
        }

        var cut = await Runner.ResultOfAsync(ada, "sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)\nSELECT x, 'twenty characters wide' AS padding FROM c;\nSELECT 'after' AS a_column_name_longer_than_what_is_left_of_the_limit;");
        // The second statement's table did not fit at all; the text form is cut at 10 KB like any output.
        Assert.Equal(1, cut.GetProperty("tables").GetArrayLength());
        Assert.Equal(382, cut.GetProperty("tables")[0].GetProperty("rows").GetArrayLength()); // 10 bytes of column names, 25 to 27 a row
        Assert.Contains("… output cut at 10 KB", cut.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(cut.GetProperty("output").GetString()!) <= 10 * 1024 + 256);
    }

    [Fact]
    public async Task Five_tables_of_a_thousand_rows_and_a_join_run_warm()
    {
        var page = await SqlPageAsync();
        var schema = new StringBuilder();
        for (var t = 1; t <= 5; t++)
        {
            schema.Append($"CREATE TABLE t{t} (id INTEGER PRIMARY KEY, name TEXT, value INTEGER);\n");
            schema.Append($"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO t{t} SELECT i, 'row ' || i, i * {t} FROM n;\n");
        }

        schema.Append("SELECT t1.id, t2.value + t3.value + t4.value + t5.value AS total FROM t1 JOIN t2 USING (id) JOIN t3 USING (id) JOIN t4 USING (id) JOIN t5 USING (id) WHERE t1.id % 100 = 0 ORDER BY t1.id;");

        for (var run = 0; run < 3; run++)
        {
            var roundTrip = Stopwatch.StartNew();
            var result = await Runner.ResultOfAsync(page, "sql", schema.ToString());
            output.WriteLine($"Warm SQL run, 5 tables of 1,000 rows and a join: {roundTrip.ElapsedMilliseconds} ms from the test's call to its result ({result.GetProperty("executionTime").GetInt64()} ms in the worker)");
            Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
            var rows = result.GetProperty("tables")[0].GetProperty("rows");
            Assert.Equal(10, rows.GetArrayLength());
            Assert.Equal(["1000", "14000"], rows[9].EnumerateArray().Select(cell => cell.GetString()));
            Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        }
    }

    [Fact]
    public async Task Reals_a_nul_character_and_past_a_thousand_results_read_as_they_should()
    {
        var page = await SqlPageAsync();

        var reals = await Runner.ResultOfAsync(page, "sql", "SELECT 2.0 AS a, 1e20 AS b, 9e999 AS c, -9e999 AS d, 0.5 AS e, 9007199254740993 AS f;");
        Assert.Equal("a | b | c | d | e | f\n2.0 | 1.0e+20 | Inf | -Inf | 0.5 | 9007199254740993\n(1 row)", reals.GetProperty("output").GetString());

        // SQLite would stop reading at a NUL and silently skip the rest: refused with its line instead.
        var nul = await Runner.ResultOfAsync(page, "sql", "SELECT 1;\nSELECT 2;\0\nSELECT 3;");
        Assert.False(nul.GetProperty("success").GetBoolean());
        Assert.Equal(2, nul.GetProperty("line").GetInt32());
        Assert.Equal("The SQL holds a NUL character (line 2); remove it", nul.GetProperty("error").GetString());

        // A 50 MB blob cannot fit 10 KB: counted, not spelled out in hex (which took 30 s and timed out).
        var blob = await Runner.ResultOfAsync(page, "sql", "SELECT zeroblob(50000000) AS b;");
        Assert.True(blob.GetProperty("success").GetBoolean(), blob.ToString());
        Assert.Equal(1, blob.GetProperty("tables")[0].GetProperty("rowCount").GetInt32());
        Assert.Equal(0, blob.GetProperty("tables")[0].GetProperty("rows").GetArrayLength());

        var many = await Runner.ResultOfAsync(page, "sql", string.Concat(Enumerable.Repeat("SELECT 1 AS n;\n", 1001)));
        Assert.True(many.GetProperty("success").GetBoolean(), many.GetProperty("error").ToString());
        Assert.Equal(1000, many.GetProperty("tables").GetArrayLength());
        Assert.StartsWith("(1 more result not shown: the output limit is reached)\n\nn\n1\n(1 row)", many.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_javascript_interview_never_downloads_sqlite()
    {
        var page = await fixture.NewParticipantAsync();
        var requests = new List<string>();
        page.Context.Request += (_, request) => requests.Add(request.Url);
        await Participant.CreateAndJoinAsync(page, "Ada");
        await Runner.SetCodeAsync(page, "return 1 + 1;");
        await Runner.RunAsync(page);
        Assert.Equal("2", await Runner.TextAsync(page, ".run-output"));

        Assert.DoesNotContain(requests, url => url.Contains("/sqljs/", StringComparison.Ordinal) || url.Contains("/pyodide/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, url => url.Contains("sql-worker", StringComparison.Ordinal) || url.Contains("python-worker", StringComparison.Ordinal));
    }

    private async Task<IPage> SqlPageAsync()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "sql");
        await page.WaitForSelectorAsync(".sql-status.ready", SqliteLoad);
        return page;
    }
}
