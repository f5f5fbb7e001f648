using System.Net;
using System.Net.WebSockets;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>
/// A browser's Origin at the hub and at session creation: the gateway's own pages and CORS_ORIGIN's
/// pass, a foreign page gets 403 before any connection or session exists, and a request without Origin
/// (no browser's page) passes.
/// </summary>
[Collection(GatewayCollection.Name)]
public class OriginTests(GatewayFixture fixture)
{
    public static TheoryData<string> Foreign => new()
    {
        "https://evil.example",
        "http://localhost:5174", // CORS_ORIGIN's host on another port
        "https://localhost:5173", // and under another scheme
        "http://127.0.0.1", // the gateway's host on another port (80)
        "http://127.0.0.1.evil.example",
        "null", // a sandboxed frame or a file
        "http://127.0.0.1:1/x", // no origin has a path
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task A_foreign_page_cannot_open_the_hub(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(HubSocket(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task A_foreign_page_cannot_negotiate_nor_create(string origin)
    {
        var before = await ActiveSessionsAsync();
        foreach (var (method, path) in new[] { ("POST", "/hub/negotiate?negotiateVersion=1"), ("POST", "/HUB/negotiate?negotiateVersion=1"), ("POST", "/api/sessions/create"), ("POST", "/API/Sessions/Create/") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Add("Origin", origin);

            using var response = await fixture.Http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.Equal("Origin not allowed", (await Json.ReadAsync(response)).Str("error"));
        }

        Assert.Equal(before, await ActiveSessionsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("OWN")]
    [InlineData("HTTPS")] // a proxy that ends TLS without being a trusted proxy: the page's origin is https
    [InlineData(GatewayFixture.AllowedOrigin)]
    [InlineData("HTTP://LOCALHOST:5173")]
    public async Task The_gateways_own_pages_CORS_ORIGIN_and_no_page_at_all_pass(string? origin)
    {
        var sent = origin switch
        {
            "OWN" => $"http://{fixture.BaseAddress.Authority}",
            "HTTPS" => $"https://{fixture.BaseAddress.Authority}",
            _ => origin,
        };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/create") { Content = Json.Body(new { language = "python" }) };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1");
        if (sent is not null)
        {
            create.Headers.Add("Origin", sent);
            negotiate.Headers.Add("Origin", sent);
        }

        var created = await fixture.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.SendAsync(negotiate)).StatusCode);
        using var hub = await RawHubSocket.ConnectAsync(fixture.BaseAddress, sent);
        await hub.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{(await Json.ReadAsync(created)).Str("sessionId")}}","userId":"{{Guid.NewGuid()}}"}""");
        Assert.Equal(HubEvents.SessionJoined, (await hub.NextEventAsync()).GetProperty("target").GetString());
    }

    [Fact]
    public async Task PUBLIC_URL_is_the_gateways_own_origin_too()
    {
        await using var gateway = await TestGateway.StartAsync("PUBLIC_URL=https://interview.example.org/");

        using (await RawHubSocket.ConnectAsync(gateway.BaseAddress, "https://interview.example.org"))
        {
        }

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://interview.example.org");
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{gateway.BaseAddress.Authority}/hub"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/create");
        foreign.Headers.Add("Origin", GatewayFixture.AllowedOrigin); // CORS_ORIGIN of the other gateway, not this one's
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign)).StatusCode);
    }

    private Uri HubSocket() => new($"ws://{fixture.BaseAddress.Authority}/hub");

    private async Task<int> ActiveSessionsAsync() =>
        (await Json.ReadAsync(await fixture.Http.GetAsync("/api/health"))).Int("activeSessions");
}
