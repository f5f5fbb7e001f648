using System.Net;
using System.Net.Sockets;
using Interview.Tests.Common;

namespace Interview.Gateway.Tests;

/// <summary>The programs themselves, started as processes with the documented environment variables (docs/architecture.md, "Parts").</summary>
public class EmbeddedDefaultTests
{
    [Fact]
    public async Task The_gateway_serves_SPECs_REST_examples_on_PORT_with_share_links_on_PUBLIC_URL()
    {
        var port = TestEnvironment.FreePort();
        await using var gateway = HostedProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(),
            ["PUBLIC_URL"] = "https://interview.example.org/",
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_DASHBOARD"] = "true",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await gateway.WaitUntilServingAsync(http);
        Assert.Equal("Healthy", await http.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
        Assert.Contains("Orleans", await http.GetStringAsync("/dashboard/"), StringComparison.Ordinal); // the co-hosted silo's dashboard

        var created = await http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"javascript"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal($"https://interview.example.org/session/{body.Str("sessionId")}", body.Str("shareUrl"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sessions/{body.Str("sessionId")}")).StatusCode);
        Assert.Contains("blazor.webassembly.js", await http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SESSION_TIMEOUT", "thirty minutes")]
    [InlineData("MAX_SESSION_DURATION", "-5")]
    [InlineData("PORT", "70000")]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("PUBLIC_URL", "not a url")]
    [InlineData("MAX_EXECUTIONS_PER_MINUTE", "ten")]
    [InlineData("MAX_SESSIONS_PER_HOUR", "0")]
    [InlineData("MAX_MESSAGES_PER_MINUTE", "-1")]
    [InlineData("MAX_OPERATIONS_PER_MINUTE", "2000000")]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/99")]
    [InlineData("ENABLE_PYTHON", "maybe")]
    [InlineData("ENABLE_TYPESCRIPT", "maybe")]
    [InlineData("ENABLE_SQL", "maybe")]
    [InlineData("PYODIDE_BASE_URL", "ftp://example.org/pyodide/")]
    [InlineData("REDIS", "127.0.0.1:6379,bogus=1")]
    [InlineData("ORLEANS_DASHBOARD", "sometimes")]
    [InlineData("ORLEANS_SILO_PORT", "silo")]
    [InlineData("DATA_DIR", "/dev/null/data")] // under a file: not a folder anyone can create
    public async Task A_bad_setting_stops_the_gateway_with_a_message_naming_it(string name, string value)
    {
        await using var gateway = HostedProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_GATEWAY_PORT"] = TestEnvironment.FreePort().ToString(),
            [name] = value,
        });

        Assert.NotEqual(0, await gateway.WaitForExitAsync());
        Assert.Contains(name, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_silo_starts_reports_its_health_and_accepts_gateway_connections()
    {
        var (gatewayPort, port) = (TestEnvironment.FreePort(), TestEnvironment.FreePort());
        await using var silo = HostedProcess.Start("Silo", new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(),
            ["ORLEANS_SILO_PORT"] = TestEnvironment.FreePort().ToString(),
            ["ORLEANS_GATEWAY_PORT"] = gatewayPort.ToString(),
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await silo.WaitUntilAnswersAsync(http, "/health/ready");
        Assert.Equal("Healthy", await http.GetStringAsync("/health/live"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dashboard/")).StatusCode); // off unless ORLEANS_DASHBOARD=true

        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(silo.HasExited, silo.Output);
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, gatewayPort);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "the silo listens on ORLEANS_GATEWAY_PORT", TimeSpan.FromSeconds(60));
    }
}
