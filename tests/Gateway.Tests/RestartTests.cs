using System.Net;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Interview.Gateway.Tests;

/// <summary>
/// The built gateway (the embedded default) on a DATA_DIR of its own, stopped and started again on it:
/// every change it acknowledged is there afterwards (README, "Run it").
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataDirectory = TestEnvironment.NewDataDirectory();
    private readonly int _port = TestEnvironment.FreePort();
    private readonly Dictionary<string, string> _environment;

    public RestartTests() => _environment = new()
    {
        ["PORT"] = _port.ToString(),
        ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(),
        ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(),
        ["DATA_DIR"] = _dataDirectory,
    };

    private Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    private async Task<HostedProcess> StartAsync(HttpClient http)
    {
        var gateway = HostedProcess.Start("Gateway", _environment);
        await gateway.WaitUntilServingAsync(http);
        return gateway;
    }

    [Fact]
    public async Task Kill_9_right_after_an_acknowledgement_loses_nothing_and_typing_goes_on()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var gateway = await StartAsync(http);
        Interview typed;
        try
        {
            typed = await TypeAsync(http, edits: 20);
            await gateway.KillAsync(); // at once after the last answer: the state write a second later never happens
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        await using var restarted = await StartAsync(http);
        await AssertSameInterviewAsync(http, typed);
    }

    [Fact]
    public async Task A_graceful_stop_and_start_keeps_the_session()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        Interview typed;
        await using (var gateway = await StartAsync(http))
        {
            typed = await TypeAsync(http, edits: 5);
            gateway.Terminate(); // SIGTERM
            Assert.Equal(0, await gateway.WaitForExitAsync());
        }

        await using var restarted = await StartAsync(http);
        await AssertSameInterviewAsync(http, typed);
    }

    [Fact]
    public async Task A_database_of_a_newer_build_in_DATA_DIR_stops_the_gateway_with_a_message_naming_it()
    {
        using (var database = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "interview.db")};Pooling=False"))
        {
            database.Open();
            using var command = database.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        await using var gateway = HostedProcess.Start("Gateway", _environment);

        Assert.NotEqual(0, await gateway.WaitForExitAsync());
        Assert.Contains("DATA_DIR", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("schema version 99, newer than this build's", gateway.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Creates a session, joins it as an "ot" tab and submits edits one after the other, each waited for,
    /// switching to Python after the first: what the gateway acknowledged.
    /// </summary>
    private async Task<Interview> TypeAsync(HttpClient http, int edits)
    {
        var created = await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"javascript"}""")));
        var sessionId = created.Str("sessionId");
        await using var tab = await Tab.JoinAsync(BaseAddress, sessionId);
        var (text, revision) = (tab.Joined.Str("currentCode"), tab.Joined.GetProperty("revision").GetInt64());
        for (var seq = 1; seq <= edits; seq++)
        {
            var insert = seq % 2 == 0 ? $"print({seq})\r\n" : $"# {seq} 日本 😀\n";
            var operation = new TextOperation.Builder().Retain(text.Length / 2).Insert(insert).Retain(text.Length - text.Length / 2).Build();
            var answer = await tab.Connection.InvokeAsync<SubmitResult>(
                OtProtocol.SubmitOperation, SubmitOperationPayload.For(sessionId, new Submission(tab.ClientId, seq, revision, operation)));
            Assert.Equal(revision + 1, answer.Revision);
            (text, revision) = (operation.Apply(text), answer.Revision!.Value);
            if (seq == 1)
            {
                // Once the template is edited, the language changes alone (an untouched one would follow it).
                await tab.Connection.InvokeAsync(HubMethods.LanguageChange, new { sessionId, language = "python", userId = tab.UserId });
            }
        }

        return new Interview(sessionId, created.Str("createdAt"), text, revision);
    }

    private async Task AssertSameInterviewAsync(HttpClient http, Interview typed)
    {
        var described = await http.GetAsync($"/api/sessions/{typed.SessionId}");
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        var details = await Json.ReadAsync(described);
        Assert.Equal((typed.CreatedAt, "python"), (details.Str("createdAt"), details.Str("language")));

        await using var tab = await Tab.JoinAsync(BaseAddress, typed.SessionId);
        Assert.Equal(
            (typed.Text, typed.Revision, "python"),
            (tab.Joined.Str("currentCode"), tab.Joined.GetProperty("revision").GetInt64(), tab.Joined.Str("language")));

        var next = new TextOperation.Builder().Retain(typed.Text.Length).Insert("print('after the restart')\n").Build();
        var answer = await tab.Connection.InvokeAsync<SubmitResult>(
            OtProtocol.SubmitOperation, SubmitOperationPayload.For(typed.SessionId, new Submission(tab.ClientId, 1, typed.Revision, next)));
        Assert.Equal(typed.Revision + 1, answer.Revision);
    }

    public void Dispose() => TestEnvironment.DeleteDataDirectory(_dataDirectory);

    private sealed record Interview(string SessionId, string CreatedAt, string Text, long Revision);

    /// <summary>A browser tab on the "ot" protocol, as the hub sees it: joined, with what session-joined said.</summary>
    private sealed class Tab(HubConnection connection, JsonElement joined, string userId) : IAsyncDisposable
    {
        public HubConnection Connection => connection;
        public JsonElement Joined => joined;
        public string UserId => userId;
        public string ClientId { get; } = Guid.NewGuid().ToString("N");

        public static async Task<Tab> JoinAsync(Uri baseAddress, string sessionId)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hub")).Build();
            var joined = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.On<JsonElement>(HubEvents.SessionJoined, payload => joined.TrySetResult(payload));
            connection.On<JsonElement>(HubEvents.Error, error => joined.TrySetException(new InvalidOperationException($"refused: {error}")));
            await connection.StartAsync();
            var userId = Guid.NewGuid().ToString();
            await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId, username = "Ada", protocol = OtProtocol.Name });
            return new Tab(connection, await joined.Task.WaitAsync(TimeSpan.FromSeconds(15)), userId);
        }

        public async ValueTask DisposeAsync() => await connection.DisposeAsync();
    }
}
