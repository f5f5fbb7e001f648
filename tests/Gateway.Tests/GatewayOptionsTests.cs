using Interview.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Interview.Gateway.Tests;

public class GatewayOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Defaults_are_SPECs()
    {
        var options = GatewayOptionsSetup.Read(Config());
        Assert.Equal(3001, options.Port);
        Assert.Empty(options.CorsOrigins);
        Assert.Null(options.PublicUrl);
        Assert.Equal("pyodide/", options.PyodideBaseUrl);
        Assert.True(options.EnablePython);
        Assert.True(options.EnableTypeScript);
        Assert.True(options.EnableSql);
        Assert.Equal(
            ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10"],
            options.MetricsAllowed.Select(network => network.ToString()));
        Assert.Equal(LogLevel.Information, Interview.Grains.Hosting.InterviewLogging.LevelFrom(Config()));
    }

    [Fact]
    public void Reads_PORT_CORS_ORIGIN_and_PUBLIC_URL()
    {
        var options = GatewayOptionsSetup.Read(Config(
            ("PORT", "8080"),
            ("CORS_ORIGIN", "http://localhost:5173/, https://app.example.org"),
            ("PUBLIC_URL", "https://interview.example.org/")));

        Assert.Equal(8080, options.Port);
        Assert.Equal(["http://localhost:5173", "https://app.example.org"], options.CorsOrigins);
        Assert.Equal("https://interview.example.org/", options.PublicUrl!.ToString());
    }

    [Theory]
    [InlineData("https://cdn.example.org/pyodide/v314", "https://cdn.example.org/pyodide/v314/")]
    [InlineData("/static/pyodide", "/static/pyodide/")]
    [InlineData("pyodide/", "pyodide/")]
    public void Reads_PYODIDE_BASE_URL_as_a_folder(string value, string expected) =>
        Assert.Equal(expected, GatewayOptionsSetup.Read(Config(("PYODIDE_BASE_URL", value))).PyodideBaseUrl);

    [Fact]
    public void Reads_TRUSTED_PROXIES_as_addresses_and_networks()
    {
        var proxies = GatewayOptionsSetup.Read(Config(("TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7,::1"))).TrustedProxies;
        Assert.Equal(["10.0.0.0/8", "192.168.1.7/32", "::1/128"], proxies.Select(p => p.ToString()));
        Assert.Empty(GatewayOptionsSetup.Read(Config()).TrustedProxies);
    }

    [Fact]
    public void Reads_METRICS_ALLOWED_as_addresses_and_networks_in_place_of_the_default()
    {
        var allowed = GatewayOptionsSetup.Read(Config(("METRICS_ALLOWED", "192.0.2.0/24, 198.51.100.7,2001:db8::/32"))).MetricsAllowed;
        Assert.Equal(["192.0.2.0/24", "198.51.100.7/32", "2001:db8::/32"], allowed.Select(network => network.ToString()));
        Assert.Equal(GatewayOptions.DefaultMetricsAllowed, GatewayOptionsSetup.Read(Config(("METRICS_ALLOWED", " "))).MetricsAllowed);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    public void Reads_ENABLE_PYTHON(string value, bool expected) =>
        Assert.Equal(expected, GatewayOptionsSetup.Read(Config(("ENABLE_PYTHON", value))).EnablePython);

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    public void Reads_ENABLE_TYPESCRIPT(string value, bool expected) =>
        Assert.Equal(expected, GatewayOptionsSetup.Read(Config(("ENABLE_TYPESCRIPT", value))).EnableTypeScript);

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    public void Reads_ENABLE_SQL(string value, bool expected) =>
        Assert.Equal(expected, GatewayOptionsSetup.Read(Config(("ENABLE_SQL", value))).EnableSql);

    [Fact]
    public void Each_language_switch_is_read_on_its_own()
    {
        var options = GatewayOptionsSetup.Read(Config(("ENABLE_SQL", "false")));
        Assert.Equal((true, true, false), (options.EnablePython, options.EnableTypeScript, options.EnableSql));
    }

    [Theory]
    [InlineData("error", LogLevel.Error)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("debug", LogLevel.Debug)]
    public void Reads_LOG_LEVEL(string value, LogLevel expected) =>
        Assert.Equal(expected, Interview.Grains.Hosting.InterviewLogging.LevelFrom(Config(("LOG_LEVEL", value))));

    [Theory]
    [InlineData("PORT", "http")]
    [InlineData("PORT", "0")]
    [InlineData("PUBLIC_URL", "ftp://files.example.org")]
    [InlineData("PUBLIC_URL", "/relative")]
    [InlineData("PYODIDE_BASE_URL", "ftp://files.example.org/pyodide")]
    [InlineData("PYODIDE_BASE_URL", "//cdn.example.org/pyodide")]
    [InlineData("PYODIDE_BASE_URL", "javascript:alert(1)")]
    [InlineData("ENABLE_PYTHON", "maybe")]
    [InlineData("ENABLE_TYPESCRIPT", "maybe")]
    [InlineData("ENABLE_SQL", "maybe")]
    [InlineData("TRUSTED_PROXIES", "proxy.internal")]
    [InlineData("METRICS_ALLOWED", "prometheus.monitoring")]
    [InlineData("METRICS_ALLOWED", "10.0.0.0/33")]
    [InlineData("METRICS_ALLOWED", "10.0.0.0/8;192.168.0.0/16")]
    public void Refuses_bad_values_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayOptionsSetup.Read(Config((name, value))));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
