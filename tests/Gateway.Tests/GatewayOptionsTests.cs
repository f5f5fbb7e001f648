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
        Assert.Equal(LogLevel.Information, GatewayOptionsSetup.LogLevelFrom(Config()));
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
    [InlineData("error", LogLevel.Error)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("debug", LogLevel.Debug)]
    public void Reads_LOG_LEVEL(string value, LogLevel expected) =>
        Assert.Equal(expected, GatewayOptionsSetup.LogLevelFrom(Config(("LOG_LEVEL", value))));

    [Theory]
    [InlineData("PORT", "http")]
    [InlineData("PORT", "0")]
    [InlineData("PUBLIC_URL", "ftp://files.example.org")]
    [InlineData("PUBLIC_URL", "/relative")]
    public void Refuses_bad_values_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayOptionsSetup.Read(Config((name, value))));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
