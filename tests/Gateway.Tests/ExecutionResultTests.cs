using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>execution-result (docs/protocol.md, "Runs"): the others see each run with who ran it, within each user's runs a minute.</summary>
[Collection(GatewayCollection.Name)]
public class ExecutionResultTests(GatewayFixture fixture)
{
    private static object Run(string sessionId, string output = "2", string language = "javascript") => new
    {
        sessionId,
        language,
        success = true,
        output,
        error = (string?)null,
        executionTime = 12,
        logs = new[] { "Hello" },
    };

    [Fact]
    public async Task The_others_get_the_result_with_who_ran_it_and_the_runner_does_not()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await using var adasOtherTab = await TestParticipant.ConnectAsync(fixture.BaseAddress, "Ada", ada.UserId);
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        await adasOtherTab.JoinAsync(id);

        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id)));

        var seen = await bob.EventAsync(HubEvents.ExecutionResult);
        Assert.Equal(
            ["sessionId", "userId", "username", "language", "success", "output", "error", "executionTime", "logs", "errorCode", "line"],
            seen.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, seen.Str("sessionId"));
        Assert.Equal(ada.UserId, seen.Str("userId"));
        Assert.Equal("Ada", seen.Str("username"));
        Assert.Equal("2", seen.Str("output"));
        Assert.Equal(12, seen.Int("executionTime"));
        Assert.Equal("Hello", seen.GetProperty("logs")[0].GetString());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("error").ValueKind);
        await adasOtherTab.EventAsync(HubEvents.ExecutionResult); // the same user's other tab sees it too
        await bob.ChangeCodeAsync(id, "sync"); // a later event, to be sure nothing more is on its way to Ada
        await ada.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "sync");
        Assert.Equal(0, ada.Count(HubEvents.ExecutionResult));
    }

    [Fact]
    public async Task A_failed_run_carries_its_error_code_and_line()
    {
        var id = await fixture.CreateSessionAsync("python");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new
        {
            sessionId = id,
            language = "python",
            success = false,
            output = "before",
            error = "Execution timed out after 10 s and was stopped (EXECUTION_TIMEOUT)",
            executionTime = 10000,
            errorCode = ErrorCodes.ExecutionTimeout,
            line = 3,
        });

        var seen = await bob.EventAsync(HubEvents.ExecutionResult);
        Assert.False(seen.GetProperty("success").GetBoolean());
        Assert.Equal(ErrorCodes.ExecutionTimeout, seen.Str("errorCode"));
        Assert.Equal(3, seen.Int("line"));
        Assert.Equal("python", seen.Str("language"));
        Assert.Equal(0, seen.GetProperty("logs").GetArrayLength());
    }

    [Fact]
    public async Task The_eleventh_run_a_minute_is_refused_for_the_user_across_tabs_until_the_minute_has_passed()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var adasOtherTab = await TestParticipant.ConnectAsync(fixture.BaseAddress, "Ada", ada.UserId);
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await adasOtherTab.JoinAsync(id);
        await bob.JoinAsync(id);

        for (var run = 0; run < 10; run++)
        {
            var tab = run % 2 == 0 ? ada : adasOtherTab;
            Assert.True(await tab.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, $"{run}")));
        }

        var before = ada.Count(HubEvents.Error);
        var answer = await ada.Connection.InvokeAsync<RefusedInvocation?>(HubMethods.ExecutionResult, Run(id, "eleventh"));
        var refusal = await ada.EventAsync(HubEvents.Error, skip: before);
        Assert.Equal(ErrorCodes.RateLimitExceeded, refusal.Str("code"));
        Assert.Equal(ErrorCodes.RateLimitExceeded, answer?.Error.Code); // the refusal's answer says why too
        Assert.InRange(int.Parse(refusal.GetProperty("details").Str("retryAfter"), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        Assert.True(await bob.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, "bob's"))); // Bob has his own budget
        await ada.EventAsync(HubEvents.ExecutionResult, r => r.Str("output") == "bob's");
        Assert.DoesNotContain(bob.All(HubEvents.ExecutionResult), r => r.Str("output") == "eleventh");

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, "next minute")));
        await bob.EventAsync(HubEvents.ExecutionResult, r => r.Str("output") == "next minute");
    }

    public static TheoryData<string, string, string?> BadResults => new()
    {
        { """{"sessionId":"SESSION","success":true,"output":"2","executionTime":1}""", "INVALID_PAYLOAD", "language" },
        { """{"sessionId":"SESSION","language":"ruby","success":true,"output":"2","executionTime":1}""", "INVALID_PAYLOAD", "language" },
        { """{"sessionId":"SESSION","language":"javascript","output":"2","executionTime":1}""", "INVALID_PAYLOAD", "success" },
        { """{"sessionId":"SESSION","language":"javascript","success":"yes","output":"2","executionTime":1}""", "INVALID_PAYLOAD", "success" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":2,"executionTime":1}""", "INVALID_PAYLOAD", "output" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":"2"}""", "INVALID_PAYLOAD", "executionTime" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":"2","executionTime":-5}""", "INVALID_PAYLOAD", "executionTime" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":"2","executionTime":"fast"}""", "INVALID_PAYLOAD", "executionTime" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":"2","executionTime":1,"logs":"Hello"}""", "INVALID_PAYLOAD", "logs" },
        { """{"sessionId":"SESSION","language":"javascript","success":true,"output":"2","executionTime":1,"logs":[1,2]}""", "INVALID_PAYLOAD", "logs" },
        { """{"sessionId":"SESSION","language":"javascript","success":false,"output":"","executionTime":1,"errorCode":"OOPS"}""", "INVALID_PAYLOAD", "errorCode" },
        { """{"sessionId":"SESSION","language":"javascript","success":false,"output":"","executionTime":1,"line":0}""", "INVALID_PAYLOAD", "line" },
        { """{"sessionId":"SESSION","language":"javascript","success":false,"output":"","error":42,"executionTime":1}""", "INVALID_PAYLOAD", "error" },
        { """{"sessionId":"not-a-uuid","language":"javascript","success":true,"output":"2","executionTime":1}""", "INVALID_SESSION", null },
        { "[]", "INVALID_PAYLOAD", null },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public async Task A_bad_result_reaches_nobody_and_the_connection_stays_usable(string payload, string code, string? field)
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        var error = await ada.ErrorFromAsync(HubMethods.ExecutionResult, JsonDocument.Parse(payload.Replace("SESSION", id, StringComparison.Ordinal)).RootElement);

        Assert.Equal(code, error.Str("code"));
        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("details").Str("field"));
        }

        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, "good")));
        await bob.EventAsync(HubEvents.ExecutionResult, r => r.Str("output") == "good");
        Assert.Equal(1, bob.Count(HubEvents.ExecutionResult));
    }

    [Fact]
    public async Task Output_past_the_10_KB_limit_is_refused_and_output_cut_with_its_marker_is_accepted()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        var cut = new string('x', Limits.MaxOutputBytes) + "\n… output cut at 10 KB (989761 more bytes not shown)";
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, Run(id, cut)));
        Assert.Equal(cut, (await bob.EventAsync(HubEvents.ExecutionResult)).Str("output"));

        var error = await ada.ErrorFromAsync(HubMethods.ExecutionResult, Run(id, new string('x', 20 * 1024)));
        Assert.Equal(ErrorCodes.InvalidPayload, error.Str("code"));
        Assert.Equal("output", error.GetProperty("details").Str("field"));
        Assert.Equal(1, bob.Count(HubEvents.ExecutionResult));
    }

    [Fact]
    public async Task A_result_from_outside_the_session_is_refused()
    {
        var id = await fixture.CreateSessionAsync();
        await using var stranger = await fixture.ConnectAsync("Eve");

        var error = await stranger.ErrorFromAsync(HubMethods.ExecutionResult, Run(id));

        Assert.Equal(ErrorCodes.InvalidSession, error.Str("code"));
    }
}
