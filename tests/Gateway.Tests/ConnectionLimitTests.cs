using System.Net;
using System.Net.WebSockets;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// MAX_CONNECTIONS_PER_IP: connections past the limit are refused with 429 at negotiate and at the
/// WebSocket upgrade, before they exist. Addresses are told apart through a trusted proxy's
/// X-Forwarded-For (every test client is 127.0.0.1), IPv6 ones by their /64.
/// </summary>
public class ConnectionLimitTests
{
    [Fact]
    public async Task A_flood_of_400_connections_from_one_address_gets_100_and_everyone_else_is_served()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_CONNECTIONS_PER_IP=100", "TRUSTED_PROXIES=127.0.0.1");
        var held = new List<HubConnection>();
        try
        {
            // One after another: a negotiate holds a place for a moment, so concurrent attempts could take
            // turns refusing each other's upgrades and the count held would depend on timing.
            var attempts = new List<HttpStatusCode?>();
            for (var i = 0; i < 400; i++)
            {
                var connection = Connection(gateway.BaseAddress, "203.0.113.7");
                try
                {
                    await connection.StartAsync();
                    held.Add(connection);
                    attempts.Add(null);
                }
                catch (HttpRequestException refused)
                {
                    await connection.DisposeAsync();
                    attempts.Add(refused.StatusCode);
                }
            }

            Assert.Equal(100, attempts.Count(status => status is null));
            Assert.All(attempts.Where(status => status is not null), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));

            // The refusal says why, at negotiate and at a WebSocket upgrade without one.
            using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
            using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
            var answer = await http.SendAsync(negotiate);
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.Equal(ErrorCodes.RateLimitExceeded, (await Json.ReadAsync(answer)).Str("code"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await UpgradeStatusAsync(gateway.BaseAddress, "203.0.113.7"));

            // Another address connects, joins and edits as if nothing happened.
            var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })))).Str("sessionId");
            await using var other = Connection(gateway.BaseAddress, "198.51.100.20");
            var joined = new TaskCompletionSource<SessionJoined>();
            other.On<SessionJoined>(HubEvents.SessionJoined, j => joined.TrySetResult(j));
            await other.StartAsync();
            await other.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = Guid.NewGuid().ToString(), username = "Other" });
            Assert.Equal(1, (await joined.Task.WaitAsync(TimeSpan.FromSeconds(15))).UserCount);

            // Closed connections give their places back.
            foreach (var connection in held.Take(30))
            {
                await connection.DisposeAsync();
            }

            held.RemoveRange(0, 30);
            await Eventually.HoldsAsync(async () => await UpgradeStatusAsync(gateway.BaseAddress, "203.0.113.7") == HttpStatusCode.SwitchingProtocols, "a place is free again");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_ipv6_client_is_counted_by_its_64_however_it_rotates_within_it()
    {
        await using var gateway = await TestGateway.StartAsync("MAX_CONNECTIONS_PER_IP=3", "TRUSTED_PROXIES=127.0.0.1");
        var held = new List<HubConnection>();
        try
        {
            foreach (var address in new[] { "2001:db8:7:1::1", "2001:db8:7:1:aaaa::2", "2001:db8:7:1:ffff:ffff:ffff:ffff" })
            {
                var connection = Connection(gateway.BaseAddress, address);
                await connection.StartAsync();
                held.Add(connection);
            }

            var rotated = Connection(gateway.BaseAddress, "2001:db8:7:1:1234:5678:9abc:def0");
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => rotated.StartAsync());
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await rotated.DisposeAsync();

            await using var neighbour = Connection(gateway.BaseAddress, "2001:db8:7:2::1"); // the next /64 is someone else
            await neighbour.StartAsync();
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Long_polling_connections_that_poll_only_now_and_then_count_as_long_as_they_are_open()
    {
        // The attack: a long-polling connection holds a request (and so a permit) only while it polls. One
        // that polls for a moment now and then lives on between polls, so one address used to open and
        // join as many as it liked past MAX_CONNECTIONS_PER_IP.
        await using var gateway = await TestGateway.StartAsync("MAX_CONNECTIONS_PER_IP=3", "TRUSTED_PROXIES=127.0.0.1");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })))).Str("sessionId");
        var joined = 0;
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var negotiate = await http.SendAsync(Forwarded(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1"));
            if (!negotiate.IsSuccessStatusCode)
            {
                refused.Add(negotiate.StatusCode);
                continue;
            }

            var token = (await Json.ReadAsync(negotiate)).Str("connectionToken");
            var join = $$"""{"type":1,"target":"{{HubMethods.JoinSession}}","arguments":[{"sessionId":"{{id}}","userId":"{{Guid.NewGuid()}}","username":"P{{i}}"}]}""";
            foreach (var frame in new[] { """{"protocol":"json","version":1}""", join })
            {
                (await http.SendAsync(Forwarded(HttpMethod.Post, $"/hub?id={token}", frame + "\u001e"))).EnsureSuccessStatusCode();
            }

            // Polls until the join is answered (or the connection is gone), then leaves it be.
            var received = string.Empty;
            while (!received.Contains(HubEvents.SessionJoined, StringComparison.Ordinal))
            {
                var poll = await http.SendAsync(Forwarded(HttpMethod.Get, $"/hub?id={token}"));
                if (poll.StatusCode != HttpStatusCode.OK)
                {
                    refused.Add(poll.StatusCode);
                    break;
                }

                received += await poll.Content.ReadAsStringAsync();
                if (received.Contains("\"type\":7", StringComparison.Ordinal))
                {
                    refused.Add(HttpStatusCode.TooManyRequests); // closed by the server
                    break;
                }
            }

            joined += received.Contains(HubEvents.SessionJoined, StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(3, joined);
        Assert.Equal(3, refused.Count);
        Assert.Equal(3, (await Json.ReadAsync(await http.GetAsync($"/api/sessions/{id}"))).Int("userCount"));

        static HttpRequestMessage Forwarded(HttpMethod method, string path, string? body = null) =>
            new(method, path)
            {
                Headers = { { "X-Forwarded-For", "203.0.113.9" } },
                Content = body is null ? null : new StringContent(body),
            };
    }

    private static HubConnection Connection(Uri baseAddress, string forwardedFor) =>
        new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hub"), options =>
        {
            options.Headers["X-Forwarded-For"] = forwardedFor;
            options.Transports = HttpTransportType.WebSockets;
        }).Build();

    // A WebSocket straight to /hub (no negotiate): the status the upgrade was answered with.
    private static async Task<HttpStatusCode> UpgradeStatusAsync(Uri baseAddress, string forwardedFor)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/hub"), CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }
}
