using System.Net;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>
/// /metrics only for METRICS_ALLOWED (by default loopback and the private networks), judged on the
/// address the forwarded-headers middleware leaves; everyone else gets a 404, however the path is spelled.
/// </summary>
[Collection(GatewayCollection.Name)]
public class MetricsAccessTests(GatewayFixture fixture)
{
    private static readonly string[] Spellings = ["/metrics", "/METRICS", "/metrics/", "/Metrics?format=text"];

    [Fact]
    public async Task Loopback_reads_the_metrics_by_default()
    {
        using var response = await fixture.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("interview_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Without TRUSTED_PROXIES the header names nobody, so the address seen is a proxy's: refused, not believed.</summary>
    [Fact]
    public async Task A_request_through_an_untrusted_proxy_is_refused()
    {
        foreach (var path in Spellings)
        {
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(fixture.Http, path, "10.1.2.3"));
        }
    }

    [Fact]
    public async Task Only_the_addresses_in_METRICS_ALLOWED_read_them_through_a_trusted_proxy()
    {
        await using var gateway = await TestGateway.StartAsync("TRUSTED_PROXIES=127.0.0.1", "METRICS_ALLOWED=10.0.0.0/8, fd00::/8,192.0.2.7");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        foreach (var path in Spellings)
        {
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(http, path, forwardedFor: null)); // loopback is not in the list
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(http, path, "203.0.113.9"));
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(http, path, "192.168.1.2"));
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(http, path, "2001:db8::1"));
            Assert.Equal(HttpStatusCode.NotFound, await ScrapeAsync(http, path, "10.1.2.3, 203.0.113.9")); // a client's claim, then the proxy's word
            Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(http, path, "10.1.2.3"));
            Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(http, path, "[fd00::1]:4000"));
            Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(http, path, "192.0.2.7"));
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Public_addresses_are_refused_by_default()
    {
        await using var gateway = await TestGateway.StartAsync("TRUSTED_PROXIES=127.0.0.1");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        foreach (var (address, status) in new[]
        {
            ("203.0.113.9", HttpStatusCode.NotFound), ("8.8.8.8", HttpStatusCode.NotFound), ("172.32.0.1", HttpStatusCode.NotFound), ("2001:db8::1", HttpStatusCode.NotFound),
            ("127.0.0.1", HttpStatusCode.OK), ("10.9.8.7", HttpStatusCode.OK), ("172.31.255.1", HttpStatusCode.OK), ("192.168.0.1", HttpStatusCode.OK),
            ("::1", HttpStatusCode.OK), ("fc00::1", HttpStatusCode.OK), ("fe80::1", HttpStatusCode.OK),
        })
        {
            Assert.True(status == await ScrapeAsync(http, "/metrics", address), $"{address} should get {status}");
        }
    }

    private static async Task<HttpStatusCode> ScrapeAsync(HttpClient http, string path, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
