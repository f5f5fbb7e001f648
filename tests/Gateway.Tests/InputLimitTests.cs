using System.Net;
using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Gateway.Tests;

/// <summary>Hard limits on what reaches the server: frame size, JSON depth, HTTP bodies; and the headers every answer carries.</summary>
[Collection(GatewayCollection.Name)]
public class InputLimitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_frame_over_the_hub_limit_closes_that_connection_with_a_clear_error_and_nothing_else()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        ada.Connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        _ = ada.Connection.SendAsync(HubMethods.CodeChange, new { sessionId = id, code = new string('x', 700 * 1024), language = "javascript", userId = ada.UserId });

        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Contains("maximum message size", error?.Message, StringComparison.OrdinalIgnoreCase);
        await bob.ChangeCodeAsync(id, "still serving");
        await using var carol = await fixture.ConnectAsync("Carol");
        Assert.Equal("still serving", (await carol.JoinAsync(id)).Str("currentCode"));
    }

    [Fact]
    public async Task Nested_JSON_where_a_field_belongs_is_refused_and_past_64_levels_closes_the_connection()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        var nested = JsonDocument.Parse($$"""{"sessionId":"{{id}}","userId":{{new string('[', 40)}}{{new string(']', 40)}}}""").RootElement;

        var refusal = await ada.ErrorFromAsync(HubMethods.JoinSession, nested);

        Assert.Equal(ErrorCodes.InvalidPayload, refusal.Str("code"));
        Assert.Equal("userId", refusal.GetProperty("details").Str("field"));
        Assert.Equal(1, (await ada.JoinAsync(id)).Int("userCount"));

        // A client that writes deeper JSON than .NET's own default allows.
        await using var eve = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.BaseAddress, "/hub"))
            .AddJsonProtocol(json => json.PayloadSerializerOptions.MaxDepth = 512)
            .Build();
        await eve.StartAsync();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        eve.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        var deep = JsonDocument.Parse(new string('[', 100) + new string(']', 100), new JsonDocumentOptions { MaxDepth = 512 }).RootElement;
        _ = eve.SendAsync(HubMethods.JoinSession, deep);
        Assert.Contains("Error reading JSON", (await closed.Task.WaitAsync(TimeSpan.FromSeconds(15)))?.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_nosniff_and_no_referrer_and_pages_carry_their_policy()
    {
        using var page = await fixture.Http.GetAsync("/session/550e8400-e29b-41d4-a716-446655440000");
        using var api = await fixture.Http.GetAsync("/api/health");
        using var script = await fixture.Http.GetAsync("/js/code-runner.js");

        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Hosting.SecurityHeaders.PagePolicy, string.Join(", ", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", Hosting.SecurityHeaders.PagePolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Hosting.SecurityHeaders.PagePolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        foreach (var response in new[] { page, api, script })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task An_HTTP_body_over_the_limit_is_refused()
    {
        // Expect: 100-continue, so the refusal comes before the body is sent (else the socket may break first).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/create") { Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) };
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
