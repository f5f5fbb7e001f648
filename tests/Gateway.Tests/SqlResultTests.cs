using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>An SQL run's result tables in execution-result (docs/protocol.md, "SQL results"): relayed and recorded as sent, refused whole when wrong.</summary>
[Collection(GatewayCollection.Name)]
public class SqlResultTests(GatewayFixture fixture)
{
    private const string Tables = """
        [{"columns":["dept","n"],"rows":[["eng","2"],["ops",null]],"rowCount":2,"line":9},
         {"columns":["blob","note"],"rows":[["x'0a1b'","It's €5 😀"]],"rowCount":1500,"line":null}]
        """;

    private const string Output = "dept | n\neng | 2\nops | NULL\n(2 rows)\n\nblob | note\nx'0a1b' | It's €5 😀\n(showing 1 of 1500 rows)";

    private readonly RecordingClient _recording = new(fixture.Http);

    private static JsonElement Run(string sessionId, string? tables, string language = "sql", string output = "") => JsonDocument.Parse(
        $$"""{"sessionId":"{{sessionId}}","language":"{{language}}","success":true,"output":{{JsonSerializer.Serialize(output)}},"executionTime":4{{(tables is null ? "" : $",\"tables\":{tables}")}}}""").RootElement;

    private static string Table(string cell, int rows = 1) =>
        $$"""[{"columns":["c"],"rows":[{{string.Join(",", Enumerable.Repeat($"[{JsonSerializer.Serialize(cell)}]", rows))}}],"rowCount":{{rows}},"line":1}]""";

    [Fact]
    public async Task An_sql_runs_tables_reach_the_others_exactly_and_the_recording_keeps_them()
    {
        var (id, key) = await fixture.CreateInterviewAsync("sql");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, Tables, output: Output)));

        var seen = await bob.EventAsync(HubEvents.ExecutionResult);
        Assert.Equal(
            ["sessionId", "userId", "username", "language", "success", "output", "error", "executionTime", "logs", "errorCode", "line", "tables"],
            seen.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("sql", Output), (seen.Str("language"), seen.Str("output")));
        AssertSameTables(seen.GetProperty("tables"));
        Assert.All(seen.GetProperty("tables").EnumerateArray(), table => Assert.Equal(["columns", "line", "rowCount", "rows"], Json.Keys(table)));

        var run = Assert.Single(await _recording.EventsAsync(id, key), e => e.Str("type") == "run");
        Assert.Equal(["at", "executionTime", "language", "logs", "output", "revision", "success", "tables", "type", "userId", "username"], Json.Keys(run));
        AssertSameTables(run.GetProperty("tables"));
    }

    [Fact]
    public async Task Runs_without_tables_carry_no_tables_key()
    {
        var (id, key) = await fixture.CreateInterviewAsync("sql");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, tables: null, "javascript", "js")));
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, "null", "python", "py")));
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, "[]", "sql", "only statements")));

        await bob.EventAsync(HubEvents.ExecutionResult, skip: 2);
        Assert.All(bob.All(HubEvents.ExecutionResult), seen => Assert.False(seen.TryGetProperty("tables", out _), seen.ToString()));
        var runs = (await _recording.EventsAsync(id, key)).Where(e => e.Str("type") == "run").ToList();
        Assert.Equal(["js", "py", "only statements"], runs.Select(r => r.Str("output")));
        Assert.All(runs, run => Assert.DoesNotContain("tables", Json.Keys(run)));
    }

    private static readonly (string What, string Tables, string Language)[] BadTables =
    [
        ("tables that are no array", """{"columns":["a"],"rows":[],"rowCount":0}""", "sql"),
        ("tables that are a number", "5", "sql"),
        ("a table that is no object", """[["a"]]""", "sql"),
        ("a table without columns", """[{"rows":[],"rowCount":0}]""", "sql"),
        ("a table of no columns", """[{"columns":[],"rows":[],"rowCount":0}]""", "sql"),
        ("columns that are no array", """[{"columns":"a","rows":[],"rowCount":0}]""", "sql"),
        ("a column that is a number", """[{"columns":["a",1],"rows":[],"rowCount":0}]""", "sql"),
        ("a column that is null", """[{"columns":[null],"rows":[],"rowCount":0}]""", "sql"),
        ("a table without rows", """[{"columns":["a"],"rowCount":0}]""", "sql"),
        ("rows that are no array", """[{"columns":["a"],"rows":"x","rowCount":1}]""", "sql"),
        ("a row that is no array", """[{"columns":["a"],"rows":["x"],"rowCount":1}]""", "sql"),
        ("a cell that is a number", """[{"columns":["a"],"rows":[[1]],"rowCount":1}]""", "sql"),
        ("a cell that is true", """[{"columns":["a"],"rows":[[true]],"rowCount":1}]""", "sql"),
        ("a cell that is an object", """[{"columns":["a"],"rows":[[{}]],"rowCount":1}]""", "sql"),
        ("a row short of a cell", """[{"columns":["a","b"],"rows":[["1","2"],["1"]],"rowCount":2}]""", "sql"),
        ("a row with a cell too many", """[{"columns":["a"],"rows":[["1",null]],"rowCount":1}]""", "sql"),
        ("1,001 rows", Table("1", Limits.MaxTableRows + 1), "sql"),
        ("no rowCount", """[{"columns":["a"],"rows":[["1"]]}]""", "sql"),
        ("a null rowCount", """[{"columns":["a"],"rows":[],"rowCount":null}]""", "sql"),
        ("a rowCount below the rows", """[{"columns":["a"],"rows":[["1"],["2"]],"rowCount":1}]""", "sql"),
        ("a negative rowCount", """[{"columns":["a"],"rows":[],"rowCount":-1}]""", "sql"),
        ("a fractional rowCount", """[{"columns":["a"],"rows":[],"rowCount":2.5}]""", "sql"),
        ("a rowCount that is a string", """[{"columns":["a"],"rows":[],"rowCount":"2"}]""", "sql"),
        ("line 0", """[{"columns":["a"],"rows":[],"rowCount":0,"line":0}]""", "sql"),
        ("line -3", """[{"columns":["a"],"rows":[],"rowCount":0,"line":-3}]""", "sql"),
        ("a fractional line", """[{"columns":["a"],"rows":[],"rowCount":0,"line":1.5}]""", "sql"),
        ("a line that is a string", """[{"columns":["a"],"rows":[],"rowCount":0,"line":"9"}]""", "sql"),
        ("a line of 2147483648", """[{"columns":["a"],"rows":[],"rowCount":0,"line":2147483648}]""", "sql"),
        ("one byte past 10 KB", Table(new string('x', Limits.MaxOutputBytes - 2)), "sql"),
        ("past 10 KB in three-byte characters", Table(new string('€', 3413)), "sql"),
        ("past 10 KB over two tables", $"[{Table(new string('x', 5200))[1..^1]},{Table(new string('y', 5200))[1..^1]}]", "sql"),
        ("1,001 tables", $"[{string.Join(',', Enumerable.Repeat("{\"columns\":[\"a\"],\"rows\":[],\"rowCount\":0}", Limits.MaxTables + 1))}]", "sql"),
        ("tables on a javascript run", Table("1"), "javascript"),
        ("tables on a python run", Table("1"), "python"),
        ("tables on a typescript run", Table("1"), "typescript"),
        ("empty tables on a javascript run", "[]", "javascript"),
    ];

    public static TheoryData<string> BadTableCases => [.. BadTables.Select(bad => bad.What)];

    [Theory]
    [MemberData(nameof(BadTableCases))]
    public async Task Bad_tables_are_refused_reach_nobody_and_the_connection_serves_the_next_run(string what)
    {
        var (_, tables, language) = BadTables.Single(bad => bad.What == what);
        var (id, key) = await fixture.CreateInterviewAsync("sql");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        var error = await ada.ErrorFromAsync(HubMethods.ExecutionResult, Run(id, tables, language, "bad"));

        Assert.True(
            (ErrorCodes.InvalidPayload, "tables") == (error.Str("code"), error.GetProperty("details").Str("field")),
            $"{what}: {error}");
        Assert.NotEmpty(error.Str("message"));
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, Table("1"), output: "good")));
        await bob.EventAsync(HubEvents.ExecutionResult, r => r.Str("output") == "good");
        Assert.Equal(1, bob.Count(HubEvents.ExecutionResult));
        var runs = (await _recording.EventsAsync(id, key)).Where(e => e.Str("type") == "run");
        Assert.Equal(["good"], runs.Select(r => r.Str("output")));
    }

    [Fact]
    public void The_refusals_name_their_cases_once() =>
        Assert.Equal(BadTables.Length, BadTables.Select(bad => bad.What).Distinct().Count());

    [Fact]
    public async Task Tables_of_exactly_the_limits_are_accepted()
    {
        var id = await fixture.CreateSessionAsync("sql");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        string[] atLimit =
        [
            Table(new string('x', Limits.MaxOutputBytes - 3)), // "c" and its byte, the cell and its byte: 10,240
            Table("a" + new string('€', 3412)),
            Table("1", Limits.MaxTableRows),
            $"[{Table(new string('x', 5117))[1..^1]},{Table(new string('y', 5117))[1..^1]}]",
        ];

        foreach (var (tables, index) in atLimit.Select((tables, index) => (tables, index)))
        {
            Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, tables, output: $"run {index}")), $"run {index}");
            var seen = await bob.EventAsync(HubEvents.ExecutionResult, r => r.Str("output") == $"run {index}");
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(tables).RootElement, seen.GetProperty("tables")), $"run {index}");
        }
    }

    private static void AssertSameTables(JsonElement tables)
    {
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Tables).RootElement, tables), tables.GetRawText());
    }
}
