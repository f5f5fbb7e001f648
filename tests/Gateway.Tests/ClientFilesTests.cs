using System.Net;
using System.Text.Json;
using Interview.Gateway.Hosting;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>The browser's runners as the gateway serves them: Pyodide from the npm package, sandbox policies, settings.</summary>
[Collection(GatewayCollection.Name)]
public class ClientFilesTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/pyodide/pyodide.asm.wasm", "application/wasm")]
    [InlineData("/pyodide/pyodide.mjs", "text/javascript")]
    [InlineData("/pyodide/pyodide.asm.mjs", "text/javascript")]
    [InlineData("/pyodide/python_stdlib.zip", "application/x-zip-compressed")]
    [InlineData("/pyodide/pyodide-lock.json", "application/json")]
    public async Task Pyodide_is_served_by_the_gateway(string path, string contentType)
    {
        using var response = await fixture.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 0);
    }

    [Fact]
    public async Task Runner_workers_carry_their_own_sandbox_policy_and_the_page_does_not()
    {
        using var javascript = await fixture.Http.GetAsync("/js/runners/javascript-worker.mjs");
        using var python = await fixture.Http.GetAsync("/js/runners/python-worker.mjs");
        using var page = await fixture.Http.GetAsync("/js/code-runner.js");

        Assert.Equal("default-src 'none'; script-src 'self' 'unsafe-eval'", Policy(javascript));
        Assert.Equal("default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'", Policy(python));
        Assert.Equal("text/javascript", javascript.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/javascript", page.Content.Headers.ContentType!.MediaType); // a classic worker's .js too
        Assert.False(page.Headers.Contains("Content-Security-Policy"));
    }

    /// <summary>
    /// The SQL worker (a classic script) imports sql.js and compiles its WebAssembly from this gateway, and
    /// runs no JavaScript of the user's: no 'unsafe-eval'. The rest of the folder keeps its policies.
    /// </summary>
    [Theory]
    [InlineData("sql-worker.js", "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'")]
    [InlineData("SQL-Worker.JS", "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'")]
    [InlineData("python-worker.mjs", "PYTHON")]
    [InlineData("javascript-worker.mjs", "default-src 'none'; script-src 'self' 'unsafe-eval'")]
    [InlineData("sql-table.mjs", "default-src 'none'; script-src 'self' 'unsafe-eval'")]
    [InlineData("sql-worker.mjs", "default-src 'none'; script-src 'self' 'unsafe-eval'")]
    [InlineData("sandbox.mjs", "default-src 'none'; script-src 'self' 'unsafe-eval'")]
    public void Each_runner_file_gets_its_policy(string fileName, string policy)
    {
        var pythonPolicy = ClientFiles.PythonWorkerPolicy("pyodide/");
        Assert.Equal(policy == "PYTHON" ? pythonPolicy : policy, ClientFiles.RunnerPolicy(fileName, pythonPolicy));
    }

    /// <summary>
    /// However a runner's path is spelled, what is served carries the runner's policy or is not served:
    /// Kestrel removes dot segments, the file provider reads through empty ones.
    /// </summary>
    [Theory]
    [InlineData("/js//runners/javascript-worker.mjs", true)]
    [InlineData("//js/runners/javascript-worker.mjs", true)]
    [InlineData("/js/runners//python-worker.mjs", true)]
    [InlineData("/js///runners///python-worker.mjs", true)]
    [InlineData("/js/./runners/javascript-worker.mjs", true)]
    [InlineData("/js/%2e/runners/javascript-worker.mjs", true)]
    [InlineData("/js/runners/%2E/python-worker.mjs", true)]
    [InlineData("/js/x/../runners/javascript-worker.mjs", true)]
    [InlineData("/js/x/%2e%2e/runners/python-worker.mjs", true)]
    [InlineData("/%6As/runners/javascript-worker.mjs", true)]
    [InlineData("/js//runners/sandbox.mjs", true)]
    [InlineData("/js//runners/output.mjs", true)]
    [InlineData("/JS/Runners/javascript-worker.mjs", false)]
    [InlineData("/js/runners/Python-Worker.mjs", false)]
    [InlineData("/js%2Frunners/javascript-worker.mjs", false)]
    [InlineData("/js/runners%2Fpython-worker.mjs", false)]
    [InlineData("/js/runners%5Cjavascript-worker.mjs", false)]
    [InlineData("/js\\runners\\javascript-worker.mjs", false)]
    [InlineData("/js/runners/javascript-worker.mjs%20", false)]
    public async Task A_runner_is_served_with_its_policy_however_its_path_is_spelled(string path, bool servedHere)
    {
        var response = await RawHttp.GetAsync(fixture.BaseAddress, path);

        if (response.Status == 404)
        {
            Assert.False(servedHere, $"{path} was not served");
            return;
        }

        Assert.True(servedHere, $"{path} was served ({response.Status}): a case-insensitive file system?");
        Assert.Equal((200, "text/javascript"), (response.Status, response.Header("Content-Type")));
        var python = path.Contains("python-worker", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(python ? ClientFiles.PythonWorkerPolicy("pyodide/") : ClientFiles.JavaScriptWorkerPolicy, response.Header("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/js/runners/javascript-worker.mjs", true)]
    [InlineData("/js//runners/x.mjs", true)]
    [InlineData("/JS/RUNNERS/x.mjs", true)]
    [InlineData("/js/runners/sql-worker.js", true)]
    [InlineData("/js//runners/sql-worker.js", true)]
    [InlineData("//JS/runners/sql-worker.js", true)]
    [InlineData("/js/runners", false)]
    [InlineData("/js/runners/", false)]
    [InlineData("/js/code-runner.js", false)]
    [InlineData("/js/runnersx/x.mjs", false)]
    [InlineData("/runners/js/x.mjs", false)]
    public void The_runners_folder_is_recognised_however_it_is_spelled(string path, bool isRunner) =>
        Assert.Equal(isRunner, ClientFiles.IsRunnerFile(path));

    [Fact]
    public async Task The_client_settings_come_from_the_gateways_defaults()
    {
        using var response = await fixture.Http.GetAsync("/appsettings.json");
        var settings = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("runner");

        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("pyodide/", settings.Str("pyodideBaseUrl"));
        Assert.True(settings.GetProperty("enablePython").GetBoolean());
        Assert.True(settings.GetProperty("enableTypeScript").GetBoolean());
        Assert.True(settings.GetProperty("enableSql").GetBoolean());
        Assert.Equal(10, settings.Int("executionsPerMinute"));
        var limits = JsonDocument.Parse(await (await fixture.Http.GetAsync("/appsettings.json")).Content.ReadAsStringAsync()).RootElement.GetProperty("limits");
        Assert.Equal((100, 1200), (limits.Int("messagesPerMinute"), limits.Int("operationsPerMinute")));
    }

    [Fact]
    public async Task PYODIDE_BASE_URL_ENABLE_PYTHON_and_MAX_EXECUTIONS_PER_MINUTE_reach_the_browser_and_the_sessions()
    {
        await using var gateway = await TestGateway.StartAsync(
            "PYODIDE_BASE_URL=https://cdn.example.org/pyodide/v314.0.7", "ENABLE_PYTHON=false", "MAX_EXECUTIONS_PER_MINUTE=3");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        var settings = JsonDocument.Parse(await http.GetStringAsync("/appsettings.json")).RootElement.GetProperty("runner");
        Assert.Equal("https://cdn.example.org/pyodide/v314.0.7/", settings.Str("pyodideBaseUrl"));
        Assert.False(settings.GetProperty("enablePython").GetBoolean());
        Assert.Equal(3, settings.Int("executionsPerMinute"));
        using var worker = await http.GetAsync("/js/runners/python-worker.mjs");
        Assert.Equal(ClientFiles.PythonWorkerPolicy("https://cdn.example.org/pyodide/v314.0.7/"), Policy(worker));
        Assert.Contains("connect-src 'self' https://cdn.example.org", Policy(worker), StringComparison.Ordinal);

        var created = await http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" }));
        var id = (await Json.ReadAsync(created)).Str("sessionId");
        await using var ada = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString());
        await ada.JoinAsync(id);
        var run = new { sessionId = id, language = "javascript", success = true, output = "1", executionTime = 1 };
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, run));
        }

        Assert.Equal(ErrorCodes.RateLimitExceeded, (await ada.ErrorFromAsync(HubMethods.ExecutionResult, run)).Str("code"));
    }

    [Fact]
    public async Task ENABLE_TYPESCRIPT_and_ENABLE_SQL_reach_the_browser()
    {
        await using var gateway = await TestGateway.StartAsync("ENABLE_TYPESCRIPT=false", "ENABLE_SQL=0");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        var settings = JsonDocument.Parse(await http.GetStringAsync("/appsettings.json")).RootElement.GetProperty("runner");
        Assert.False(settings.GetProperty("enableTypeScript").GetBoolean());
        Assert.False(settings.GetProperty("enableSql").GetBoolean());
        Assert.True(settings.GetProperty("enablePython").GetBoolean());
    }

    private static string Policy(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
}
