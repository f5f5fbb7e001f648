using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Interview.Grains.Hosting;

/// <summary>
/// Cluster mode (REDIS set): membership, session state, stream subscriptions and the session journal in
/// Redis, for silos and for gateways (Orleans clients) alike.
/// </summary>
public static class RedisCluster
{
    public static ISiloBuilder UseRedisCluster(this ISiloBuilder silo, ClusterSettings cluster, IConfiguration configuration)
    {
        var redis = Options(cluster);
        var retention = (EnvironmentSettings.Milliseconds(configuration, "MAX_SESSION_DURATION") ?? new SessionLifetimeOptions().MaxSessionDuration)
            + SessionLifetimeOptions.ExpiredSessionRetention;
        silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = cluster.SiloPort;
            endpoints.GatewayPort = cluster.GatewayPort;
            endpoints.AdvertisedIPAddress = cluster.AdvertisedAddress ?? endpoints.AdvertisedIPAddress;
            endpoints.SiloListeningEndpoint = new(System.Net.IPAddress.Any, cluster.SiloPort);
            endpoints.GatewayListeningEndpoint = new(System.Net.IPAddress.Any, cluster.GatewayPort);
        });
        silo.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());

        // A silo that dies takes its sessions' calls with it until the others declare it dead. Orleans'
        // defaults (5 s probes, 3 missed) made that about 30 s here; 2 s probes make it about 8 s, while
        // a silo under local strain still gets longer probes (ExtendProbeTimeoutDuringDegradation).
        silo.Configure<ClusterMembershipOptions>(membership => membership.ProbeTimeout = TimeSpan.FromSeconds(2));
        silo.AddRedisGrainStorage(SessionGrain.Storage, options => (options.ConfigurationOptions, options.EntryExpiry) = (redis.Clone(), retention));
        silo.AddRedisGrainStorage(SessionStreams.PubSubStore, options => options.ConfigurationOptions = redis.Clone());
        silo.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis.Clone()));
        silo.Services.AddSingleton<ISessionJournal>(services =>
            new RedisSessionJournal(services.GetRequiredService<IConnectionMultiplexer>(), $"interview/{cluster.ServiceId}", retention));
        silo.Services.AddSingleton<ISessionRecordings>(services =>
            new RedisSessionRecordings(services.GetRequiredService<IConnectionMultiplexer>(), $"interview/{cluster.ServiceId}"));
        return silo;
    }

    /// <summary>A gateway joins the cluster as an Orleans client, and keeps trying while no silo answers.</summary>
    public static IClientBuilder UseRedisCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration);
        var redis = Options(cluster);
        client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        client.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());
        client.AddMemoryStreams(SessionStreams.Provider);

        // A call whose silo dies under it is not failed when the connection drops: it waits for its
        // response timeout (30 s by default), and with it every later call of that browser connection
        // (SignalR runs one connection's calls in order). Session calls take milliseconds; after 5 s
        // the call is retried (ClusterCalls), and reaches the session's next activation.
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5));
        client.Services.AddWireContractSerialization();
        var connection = new ClusterConnection();
        client.Services.AddSingleton(connection);
        client.AddClusterConnectionStatusObserver(connection);
        client.UseConnectionRetryFilter(async (_, cancellation) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            return true;
        });
        return client;
    }

    private static ConfigurationOptions Options(ClusterSettings cluster)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(cluster.Redis!);
        }
        catch (Exception exception) when (exception is ArgumentException or RedisConnectionException)
        {
            throw new InvalidOperationException($"REDIS must be a StackExchange.Redis connection string: {exception.Message}", exception);
        }

        options.AbortOnConnectFail = false; // Redis may start after us; keep retrying instead of failing start-up
        return options;
    }
}
