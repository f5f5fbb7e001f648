using System.Net;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>Each limit tripped, answered with RATE_LIMIT_EXCEEDED, and lifted when its window passes (a moved clock).</summary>
public class RateLimitTests
{
    private static async Task<HttpResponseMessage> CreateAsync(HttpClient http, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/create") { Content = Json.Body(new { language = "python" }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_client_creates_at_most_MAX_SESSIONS_PER_HOUR_sessions_an_hour()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_SESSIONS_PER_HOUR=3");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http)).StatusCode);
            gateway.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await CreateAsync(http, forwardedFor: "203.0.113.7"); // no trusted proxy: the header counts for nothing

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(30), refused.Headers.RetryAfter!.Delta);
        var body = await Json.ReadAsync(refused);
        Assert.Equal(["error", "code", "retryAfter"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Too many requests", ErrorCodes.RateLimitExceeded, 1800), (body.Str("error"), body.Str("code"), body.Int("retryAfter")));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/sessions/create", Json.Body(new { language = "ruby" }))).StatusCode); // bad input is still answered as such

        gateway.Clock.Advance(TimeSpan.FromMinutes(30)); // the first creation leaves the hour
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(http)).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_count()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_SESSIONS_PER_HOUR=2", "TRUSTED_PROXIES=127.0.0.1, 10.0.0.0/8");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(http, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http, "198.51.100.23")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http)).StatusCode); // the proxy's own requests
    }

    [Fact]
    public async Task Limits_are_counted_across_two_gateways_of_one_cluster()
    {
        await using var first = await TestGateway.StartAsync("MAX_SESSIONS_PER_HOUR=3");
        await using var second = await TestGateway.StartAsync("MAX_SESSIONS_PER_HOUR=3", $"ORLEANS_PRIMARY_SILO_PORT={first.SiloPort}");
        using var viaFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var viaSecond = new HttpClient { BaseAddress = second.BaseAddress };

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(viaFirst)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(viaSecond)).StatusCode);
        var created = await CreateAsync(viaFirst);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(viaSecond)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(viaFirst)).StatusCode);

        // One user in one session through both gateways: one budget of runs.
        var id = (await Json.ReadAsync(created)).Str("sessionId");
        var userId = Guid.NewGuid().ToString();
        await using var tabOnFirst = await TestParticipant.ConnectAsync(first.BaseAddress, "Ada", userId);
        await using var tabOnSecond = await TestParticipant.ConnectAsync(second.BaseAddress, "Ada", userId);
        await tabOnFirst.JoinAsync(id);
        await tabOnSecond.JoinAsync(id);
        var run = new { sessionId = id, language = "python", success = true, output = "2", executionTime = 3 };
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await (i % 2 == 0 ? tabOnFirst : tabOnSecond).Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, run));
        }

        Assert.Equal(ErrorCodes.RateLimitExceeded, (await tabOnSecond.ErrorFromAsync(HubMethods.ExecutionResult, run)).Str("code"));
        Assert.Equal(ErrorCodes.RateLimitExceeded, (await tabOnFirst.ErrorFromAsync(HubMethods.ExecutionResult, run)).Str("code"));
    }

    [Fact]
    public async Task A_users_budget_and_the_participant_limit_hold_across_two_gateways()
    {
        string[] limits = ["MAX_OPERATIONS_PER_MINUTE=4", "MAX_PARTICIPANTS=2"];
        await using var first = await TestGateway.StartAsync(limits);
        await using var second = await TestGateway.StartAsync([.. limits, $"ORLEANS_PRIMARY_SILO_PORT={first.SiloPort}"]);
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        var id = (await Json.ReadAsync(await CreateAsync(http))).Str("sessionId");
        var userId = Guid.NewGuid().ToString();
        await using var tabOnFirst = await TestParticipant.ConnectAsync(first.BaseAddress, "Ada", userId);
        await using var tabOnSecond = await TestParticipant.ConnectAsync(second.BaseAddress, "Ada", userId);
        await tabOnFirst.JoinAsync(id);
        await tabOnSecond.JoinAsync(id);

        // Four cursor moves a minute for Ada, whichever gateway her tabs are on: each tab is within its own.
        var move = new { sessionId = id, selections = new[] { new { anchor = 0, head = 0 } } };
        for (var i = 0; i < 4; i++)
        {
            await (i % 2 == 0 ? tabOnFirst : tabOnSecond).Connection.InvokeAsync(OtProtocol.CursorChange, move);
        }

        foreach (var tab in new[] { tabOnFirst, tabOnSecond })
        {
            var refused = await tab.ErrorFromAsync(OtProtocol.CursorChange, move);
            Assert.Equal((ErrorCodes.RateLimitExceeded, "user"), (refused.Str("code"), refused.GetProperty("details").Str("per")));
        }

        // Two participants, wherever they join.
        await using var bob = await TestParticipant.ConnectAsync(second.BaseAddress, "Bob", Guid.NewGuid().ToString());
        await bob.JoinAsync(id);
        await using var cy = await TestParticipant.ConnectAsync(first.BaseAddress, "Cy", Guid.NewGuid().ToString());
        var full = await cy.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = cy.UserId, username = "Cy" });
        Assert.Equal(ErrorCodes.SessionFull, full.Str("code"));
    }

    [Fact]
    public async Task A_connection_sends_at_most_MAX_MESSAGES_PER_MINUTE_control_messages()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_MESSAGES_PER_MINUTE=4");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await CreateAsync(http))).Str("sessionId");
        await using var ada = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString());
        await using var bob = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Bob", Guid.NewGuid().ToString());
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        await ada.ChangeCodeAsync(id, "one", "python");
        await ada.ChangeCodeAsync(id, "two", "python");
        await ada.ChangeCodeAsync(id, "three", "python");
        await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "three");

        var refusal = await ada.ErrorFromAsync(HubMethods.LanguageChange, new { sessionId = id, language = "javascript", userId = ada.UserId });

        Assert.Equal(ErrorCodes.RateLimitExceeded, refusal.Str("code"));
        Assert.Equal("60", refusal.GetProperty("details").Str("retryAfter"));
        await bob.ChangeCodeAsync(id, "bob's own budget", "python");
        await ada.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "bob's own budget");
        Assert.Equal(0, bob.Count(HubEvents.LanguageUpdate)); // refused whole: the language did not change

        gateway.Clock.Advance(TimeSpan.FromSeconds(60));
        await ada.ChangeLanguageAsync(id, "javascript");
        await bob.EventAsync(HubEvents.LanguageUpdate, u => u.Str("language") == "javascript");
    }

    [Fact]
    public async Task A_connection_sends_at_most_MAX_OPERATIONS_PER_MINUTE_edits_and_cursor_moves()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_OPERATIONS_PER_MINUTE=3");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await CreateAsync(http))).Str("sessionId");
        await using var ada = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString());
        await using var bob = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Bob", Guid.NewGuid().ToString());
        await ada.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, username = "Ada", protocol = "ot" });
        var text = (await ada.EventAsync(HubEvents.SessionJoined)).Str("currentCode");
        await bob.JoinAsync(id);
        Task<SubmitResult?> AppendAsync(long seq, string typed) => ada.Connection.InvokeAsync<SubmitResult?>(
            OtProtocol.SubmitOperation, new { sessionId = id, clientId = "ada-tab", seq, revision = seq - 1, operation = new object[] { text.Length + (int)seq - 1, typed } });

        Assert.Equal(1, (await AppendAsync(1, "a"))!.Revision);
        Assert.Equal(2, (await AppendAsync(2, "b"))!.Revision);
        await ada.Connection.InvokeAsync(OtProtocol.CursorChange, new { sessionId = id, selections = new[] { new { anchor = 0, head = 0 } } });

        var before = ada.Count(HubEvents.Error);
        var refused = await AppendAsync(3, "c");
        Assert.Null(refused?.Revision);
        Assert.Equal(ErrorCodes.RateLimitExceeded, (await ada.EventAsync(HubEvents.Error, skip: before)).Str("code"));
        Assert.Equal(ErrorCodes.RateLimitExceeded, refused?.Error?.Code);
        await bob.ChangeCodeAsync(id, text + "ab!"); // Bob's change is revision 3: Ada's "c" never applied
        Assert.Equal(3, (await ada.EventAsync(OtProtocol.Operation, o => o.Str("userId") == bob.UserId)).Int("revision"));

        gateway.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(4, (await ada.Connection.InvokeAsync<SubmitResult?>(
            OtProtocol.SubmitOperation, new { sessionId = id, clientId = "ada-tab", seq = 3, revision = 3, operation = new object[] { text.Length + 3, "c" } }))!.Revision);
        await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == text + "ab!c");
    }

    [Fact]
    public async Task A_connection_that_goes_on_sending_past_twice_its_budget_is_closed_saying_why()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_OPERATIONS_PER_MINUTE=5", "MAX_MESSAGES_PER_MINUTE=5");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await CreateAsync(http))).Str("sessionId");
        await using var ada = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString());
        await using var bob = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Bob", Guid.NewGuid().ToString());
        await ada.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, username = "Ada", protocol = "ot" });
        await bob.JoinAsync(id);
        var closed = new TaskCompletionSource();
        ada.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        // 5 moves pass, the next 10 (the whole budget of messages and operations) are refused, then the connection is closed.
        for (var i = 0; i < 30 && ada.Connection.State == HubConnectionState.Connected; i++)
        {
            try
            {
                await ada.Connection.InvokeAsync(OtProtocol.CursorChange, new { sessionId = id, selections = new[] { new { anchor = 0, head = 0 } } });
            }
            catch (Exception exception) when (exception is InvalidOperationException or TaskCanceledException or IOException)
            {
                break; // closed under the call
            }
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var errors = ada.All(HubEvents.Error).ToList();
        Assert.Equal(10, errors.Count(e => e.Str("message").StartsWith("Too many edits and cursor moves", StringComparison.Ordinal)));
        Assert.Equal("Far too many edits and cursor moves: this connection is closed; reconnect and send fewer", errors[^1].Str("message"));
        Assert.Equal(ErrorCodes.RateLimitExceeded, errors[^1].Str("code"));

        // Everyone else is served: Bob's change is heard by a newcomer.
        await using var carol = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Carol", Guid.NewGuid().ToString());
        await carol.JoinAsync(id);
        await bob.ChangeCodeAsync(id, "still here");
        await carol.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "still here");
    }
}
