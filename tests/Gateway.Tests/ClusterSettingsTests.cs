using System.Net;
using Interview.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Interview.Gateway.Tests;

/// <summary>The cluster variables (docs/architecture.md, "Durability and failover"), read by silos and gateways alike.</summary>
public class ClusterSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Without_REDIS_it_is_the_embedded_default_on_Orleans_default_ports()
    {
        var settings = ClusterSettings.From(Config());
        Assert.False(settings.IsClusterMode);
        Assert.Equal(("interview", "interview", 11111, 30000), (settings.ClusterId, settings.ServiceId, settings.SiloPort, settings.GatewayPort));
        Assert.Null(settings.AdvertisedAddress);
        Assert.False(OperatorEndpoints.DashboardEnabled(Config()));
    }

    [Fact]
    public void REDIS_turns_on_cluster_mode_with_its_identity_address_and_ports()
    {
        var settings = ClusterSettings.From(Config(
            ("REDIS", "redis:6379,password=secret"),
            ("ORLEANS_CLUSTER_ID", "blue"),
            ("ORLEANS_SERVICE_ID", "interview-prod"),
            ("ORLEANS_ADVERTISED_IP", "10.1.2.3"),
            ("ORLEANS_SILO_PORT", "11112"),
            ("ORLEANS_GATEWAY_PORT", "30002"),
            ("ORLEANS_DASHBOARD", "true")));

        Assert.True(settings.IsClusterMode);
        Assert.Equal("redis:6379,password=secret", settings.Redis);
        Assert.Equal(("blue", "interview-prod", 11112, 30002), (settings.ClusterId, settings.ServiceId, settings.SiloPort, settings.GatewayPort));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), settings.AdvertisedAddress);
        Assert.True(OperatorEndpoints.DashboardEnabled(Config(("ORLEANS_DASHBOARD", "true"))));
    }

    [Theory]
    [InlineData("ORLEANS_ADVERTISED_IP", "silo-0.local")]
    [InlineData("ORLEANS_SILO_PORT", "70000")]
    [InlineData("ORLEANS_GATEWAY_PORT", "gateway")]
    public void Refuses_bad_values_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(Config((name, value))));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_bad_dashboard_switch_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OperatorEndpoints.DashboardEnabled(Config(("ORLEANS_DASHBOARD", "sometimes"))));
        Assert.Contains("ORLEANS_DASHBOARD", error.Message, StringComparison.Ordinal);
    }
}
