using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// The built gateway as its own process (one meter, one stdout), after a scripted session: /metrics with
/// the documented series and the right values, and every log line one JSON object.
/// </summary>
public partial class OperationsTests
{
    [Fact]
    public async Task Metrics_and_logs_tell_what_happened_in_a_scripted_session()
    {
        var port = TestEnvironment.FreePort();
        await using var process = HostedProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "info",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await process.WaitUntilServingAsync(http);
        var gateway = http.BaseAddress;
        var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })))).Str("sessionId");
        await http.PostAsync("/api/sessions/create", Json.Body(new { language = "javascript" }));
        await http.GetAsync($"/api/sessions/{Guid.NewGuid()}"); // 404
        await http.GetAsync("/api/sessions/not-a-uuid"); // 400
        await using var ada = await TestParticipant.ConnectAsync(gateway, "Ada", Guid.NewGuid().ToString());
        await using var adasOtherTab = await TestParticipant.ConnectAsync(gateway, "Ada", ada.UserId);
        await using var bob = await TestParticipant.ConnectAsync(gateway, "Bob", Guid.NewGuid().ToString());
        await ada.JoinAsync(id);
        await adasOtherTab.JoinAsync(id);
        await bob.JoinAsync(id);
        await ada.ChangeCodeAsync(id, "print(1)", "python");
        await ada.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = 42, language = "python", userId = ada.UserId });
        await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = true, output = "1", executionTime = 10 });
        await bob.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = false, output = "", error = "boom", executionTime = 30, errorCode = "EXECUTION_ERROR" });

        string metrics = string.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            metrics = await http.GetStringAsync("/metrics");
            return Value(metrics, "interview_sessions_active") == 2;
        }, "the active session count reaches the gauge");

        Assert.Equal(2, Value(metrics, "interview_users_connected"));
        Assert.Equal(2, Value(metrics, "interview_sessions_created_total"));
        Assert.Equal(3, Value(metrics, "interview_hub_messages_total", "method=\"join-session\""));
        Assert.Equal(2, Value(metrics, "interview_hub_messages_total", "method=\"code-change\""));
        Assert.Equal(2, Value(metrics, "interview_hub_messages_total", "method=\"execution-result\""));
        Assert.Equal(1, Value(metrics, "interview_errors_total", "code=\"INVALID_PAYLOAD\"", "source=\"hub\""));
        Assert.Equal(1, Value(metrics, "interview_errors_total", "code=\"404\"", "source=\"rest\""));
        Assert.Equal(1, Value(metrics, "interview_errors_total", "code=\"400\"", "source=\"rest\""));
        Assert.Equal(1, Value(metrics, "interview_executions_total", "language=\"python\"", "success=\"true\""));
        Assert.Equal(1, Value(metrics, "interview_executions_total", "language=\"python\"", "success=\"false\""));
        Assert.Equal(2, Value(metrics, "interview_execution_time_milliseconds_count", "language=\"python\""));
        Assert.Equal(40, Value(metrics, "interview_execution_time_milliseconds_sum", "language=\"python\""));
        Assert.Contains("# TYPE interview_sessions_created_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE interview_execution_time_milliseconds histogram", metrics, StringComparison.Ordinal);

        // Logs: each line one JSON object of the documented shape; the session's story with its ids; no line per keystroke.
        await Eventually.HoldsAsync(() => Lines(process).Any(l => l.Str("message").StartsWith("User", StringComparison.Ordinal)), "the joins are logged");
        var lines = Lines(process);
        Assert.All(lines, line =>
        {
            Assert.Equal(["timestamp", "level", "message", "sessionId", "userId", "metadata"], line.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.Str("timestamp"));
            Assert.Contains(line.Str("level"), new[] { "ERROR", "WARN", "INFO", "DEBUG" });
            Assert.Equal(JsonValueKind.Object, line.GetProperty("metadata").ValueKind);
        });
        var created = lines.Single(l => l.Str("message").StartsWith("Session", StringComparison.Ordinal) && l.Str("message").EndsWith("created (python)", StringComparison.Ordinal));
        Assert.Equal(("INFO", id), (created.Str("level"), created.Str("sessionId")));
        Assert.Equal("Interview.Grains.Sessions.SessionGrain", created.GetProperty("metadata").Str("category"));
        var joined = lines.First(l => l.Str("message").StartsWith("User", StringComparison.Ordinal));
        Assert.Equal((ada.UserId, id), (joined.Str("userId"), joined.Str("sessionId")));

        var before = Lines(process).Count;
        for (var keystroke = 0; keystroke < 20; keystroke++)
        {
            await ada.ChangeCodeAsync(id, $"print({keystroke})", "python");
        }

        await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "print(19)");
        Assert.Equal(before, Lines(process).Count);
    }

    [Fact]
    public async Task LOG_LEVEL_warn_keeps_information_out_and_warnings_in()
    {
        var port = TestEnvironment.FreePort();
        await using var process = HostedProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "warn",
            ["MAX_SESSIONS_PER_HOUR"] = "1",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await process.WaitUntilServingAsync(http);

        await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" }));
        await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })); // over the limit: a warning

        static bool IsRefusal(JsonElement line) => line.Str("level") == "WARN" && line.Str("message").StartsWith("Session creation refused", StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Lines(process).Any(IsRefusal), "the refusal is logged");
        var warning = Lines(process).Single(IsRefusal);
        Assert.Equal("127.0.0.1", warning.GetProperty("metadata").Str("clientIp"));
        Assert.DoesNotContain(Lines(process), l => l.Str("level") is "INFO" or "DEBUG");
    }

    private static List<JsonElement> Lines(HostedProcess process) =>
        [.. process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string metrics, string name, params string[] labels)
    {
        var samples = metrics.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value == name && labels.All(label => match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.True(samples.Count == 1, $"one sample of {name} {string.Join(',', labels)} in:\n{metrics}");
        return double.Parse(samples[0].Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-0-9.e+]+)")]
    private static partial Regex Sample();
}
