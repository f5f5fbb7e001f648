using System.Text;
using System.Text.Json;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>
/// Requests no HTTP client library sends, written on a socket against the gateway's real port: bodies
/// that stall or stop short, connections reset mid-body, bytes that are no text in the request line and
/// headers. Each gets its answer (when anyone is left to hear it) and at most one short log line, never
/// an unhandled exception's stack trace, and the gateway goes on serving.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RawRequestTests(GatewayFixture fixture)
{
    private const string Refused = "Refused a session creation body: ";

    [Fact]
    public async Task A_body_that_stalls_is_answered_408_with_one_short_line_each()
    {
        var mark = fixture.Log.Mark();

        // Kestrel's MinRequestBodyDataRate (240 bytes a second after a 5 s grace) ends both.
        var answers = await Task.WhenAll(
            StallAsync("Content-Length: 100", """{"language":"""),
            StallAsync("Transfer-Encoding: chunked", "5\r\n{\"lan"));

        foreach (var answer in answers)
        {
            Assert.Equal(408, answer.Status);
            var body = JsonDocument.Parse(answer.Body).RootElement;
            Assert.Equal(("Request timeout", "The request body arrived too slowly"), (body.Str("error"), body.Str("message")));
        }

        var logged = fixture.Log.Since(mark);
        LogAssert.Short(logged);
        Assert.Equal(2, logged.Count(entry => entry.Message == Refused + "it arrived too slowly"));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_body_cut_short_or_reset_costs_one_short_line()
    {
        var mark = fixture.Log.Mark();

        await using (var finished = await StartBodyAsync())
        {
            finished.StopSending(); // the body ends 90 bytes before its Content-Length
            if (await finished.TryReadResponseAsync(TimeSpan.FromSeconds(15)) is { } answer)
            {
                Assert.Equal(400, answer.Status);
                Assert.Equal("Invalid request body", JsonDocument.Parse(answer.Body).RootElement.Str("error"));
            }
        }

        await using (var reset = await StartBodyAsync())
        {
            await Task.Delay(200); // the request has reached the endpoint, which is reading
            reset.Reset();
        }

        await using (var closed = await StartBodyAsync())
        {
            await Task.Delay(200);
        }

        await Eventually.HoldsAsync(() => fixture.Log.Since(mark).Count(entry => entry.Message.StartsWith(Refused, StringComparison.Ordinal)) == 3, "each is logged");
        LogAssert.Short(fixture.Log.Since(mark));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_chunked_body_past_4_KB_is_a_413()
    {
        await using var raw = await RawHttp.ConnectAsync(fixture.BaseAddress);
        var chunk = $$"""{"language":"python","pad":"{{new string('x', 5000)}}"}""";

        await raw.SendAsync($"POST /api/sessions/create HTTP/1.1\r\nHost: {fixture.BaseAddress.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunk.Length:x}\r\n{chunk}\r\n0\r\n\r\n");

        var answer = await raw.ReadResponseAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(413, answer.Status);
        Assert.Equal("Request body too large", JsonDocument.Parse(answer.Body).RootElement.Str("error"));
    }

    /// <summary>
    /// Long polling posts hub messages as bodies. One reset mid-body once left Kestrel's reader mid-read,
    /// and its draining of the rest logged an error with a stack trace every time.
    /// </summary>
    [Fact]
    public async Task A_hub_post_reset_mid_body_logs_no_error()
    {
        var mark = fixture.Log.Mark();
        for (var i = 0; i < 3; i++)
        {
            var negotiated = await Json.ReadAsync(await fixture.Http.PostAsync("/hub/negotiate?negotiateVersion=1", null));
            var token = negotiated.Str("connectionToken");
            (await fixture.Http.PostAsync($"/hub?id={token}", new StringContent("{\"protocol\":\"json\",\"version\":1}\u001e"))).EnsureSuccessStatusCode();
            await using var raw = await RawHttp.ConnectAsync(fixture.BaseAddress);
            await raw.SendAsync($"POST /hub?id={token} HTTP/1.1\r\nHost: {fixture.BaseAddress.Authority}\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{{\"type\":6");
            await Task.Delay(200);
            raw.Reset();
        }

        await Task.Delay(500); // what Kestrel logs after the endpoint has answered
        LogAssert.Short(fixture.Log.Since(mark));
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("GET /api/sessions/\u00ff HTTP/1.1\r\nHost: h\r\n\r\n")] // a byte past ASCII in the path
    [InlineData("GET /api/health HTTP/1.1\r\nHost: h\r\nX-Name: \u00ed\u00a0\u0080\r\n\r\n")] // half a surrogate pair's UTF-8 in a header
    [InlineData("GET /api/health HTTP/1.1\r\nHost: \u00ed\u00a0\u0080\r\n\r\n")]
    [InlineData("GET /api/health HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: \u00ed\u00a0\u0080\r\n\r\n")]
    [InlineData("POST /api/sessions/create HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 9223372036854775808\r\n\r\n")]
    public async Task Bytes_that_are_no_request_are_a_400(string request)
    {
        var mark = fixture.Log.Mark();
        await using var raw = await RawHttp.ConnectAsync(fixture.BaseAddress);

        await raw.SendAsync(Encoding.Latin1.GetBytes(request)); // one byte a character, as written

        Assert.Equal(400, (await raw.ReadResponseAsync(TimeSpan.FromSeconds(15))).Status);
        LogAssert.Short(fixture.Log.Since(mark));
        await AssertStillServesAsync();
    }

    private async Task<RawHttp.Response> StallAsync(string framing, string start)
    {
        await using var raw = await RawHttp.ConnectAsync(fixture.BaseAddress);
        await raw.SendAsync($"POST /api/sessions/create HTTP/1.1\r\nHost: {fixture.BaseAddress.Authority}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n{start}");
        return await raw.ReadResponseAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<RawHttp> StartBodyAsync()
    {
        var raw = await RawHttp.ConnectAsync(fixture.BaseAddress);
        await raw.SendAsync($"POST /api/sessions/create HTTP/1.1\r\nHost: {fixture.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"language\"");
        return raw;
    }

    private async Task AssertStillServesAsync()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/health")).StatusCode);
        Assert.NotEmpty(await fixture.CreateSessionAsync());
    }
}
