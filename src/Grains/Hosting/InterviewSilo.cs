using System.Net;
using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Interview.Grains.Hosting;

/// <summary>What every silo of Interview needs, whichever process hosts it, and the two ways it finds its cluster.</summary>
public static class InterviewSilo
{
    public static ISiloBuilder AddInterviewGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSessionLifetimeOptions(configuration);
        silo.Services.AddRateLimitOptions(configuration);
        silo.Services.AddWireContractSerialization();
        silo.Services.TryAddKeyedSingleton(SessionClock.Key, TimeProvider.System);
        silo.Services.AddRecordingOptions(configuration);
        silo.Services.TryAddSingleton(services => new ProcessLocalRecordings(services.GetRequiredKeyedService<TimeProvider>(SessionClock.Key)));
        silo.Services.TryAddSingleton<ISessionRecordings>(services => services.GetRequiredService<ProcessLocalRecordings>());
        silo.Services.TryAddSingleton<ISessionJournal, ProcessLocalJournal>();

        // Session events are low-rate (joins, leaves, language); 50 ms pulling keeps them prompt
        // without the CPU cost of polling the queues continuously.
        silo.AddMemoryStreams(SessionStreams.Provider, streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50))));
        return silo;
    }

    /// <summary>
    /// Cluster mode when REDIS is set (README, "Cluster mode"), otherwise silos on this host with session
    /// state and journal on local disk, in DATA_DIR (README, "Run it").
    /// </summary>
    public static ISiloBuilder UseInterviewCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterSettings.From(configuration);
        return cluster.IsClusterMode
            ? silo.UseRedisCluster(cluster, configuration)
            : silo.UseLocalCluster(cluster).UseEmbeddedStorage(configuration);
    }

    /// <summary>Silos on this host only: the embedded default, a standalone silo without Redis, or several joined to a primary.</summary>
    public static ISiloBuilder UseLocalCluster(this ISiloBuilder silo, ClusterSettings cluster)
    {
        var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
        return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
    }

    /// <summary>
    /// Session state and stream subscriptions in this process's memory, and no journal: for tests that
    /// need speed more than a restart (a restart loses every session).
    /// </summary>
    public static ISiloBuilder UseInMemoryStorage(this ISiloBuilder silo) =>
        silo.AddMemoryGrainStorage(SessionGrain.Storage).AddMemoryGrainStorage(SessionStreams.PubSubStore);
}
