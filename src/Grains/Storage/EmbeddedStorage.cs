using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Interview.Grains.Storage;

public static class EmbeddedStorage
{
    /// <summary>
    /// The embedded default's storage (README, "Run it"): session state (SessionGrain.Storage) and the
    /// session journal in a SQLite database in DATA_DIR, so a restart, even a kill -9, loses no
    /// acknowledged change. Stream subscriptions (PubSubStore) stay in memory: they belong to this
    /// process's connections and mean nothing after it. Several silos of this host may share one DATA_DIR
    /// (ORLEANS_PRIMARY_SILO_PORT): SQLite's locks order their writes, and they share the sessions.
    /// </summary>
    public static ISiloBuilder UseEmbeddedStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var folder = DataDirectory.From(configuration);
        silo.Services.AddSingleton(services => new SqliteStore(
            folder, services.GetRequiredKeyedService<TimeProvider>(SessionClock.Key), services.GetRequiredService<ILogger<SqliteStore>>()));
        silo.Services.AddSingleton<StoreLifetime>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<StoreLifetime>());
        silo.Services.AddGrainStorage(SessionGrain.Storage, (services, name) => new SqliteGrainStorage(
            name, services.GetRequiredService<SqliteStore>(), services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<IActivatorProvider>()));
        silo.Services.AddSingleton<ISessionJournal>(services => new SqliteSessionJournal(services.GetRequiredService<SqliteStore>()));
        silo.Services.AddSingleton<ISessionRecordings>(services => new SqliteSessionRecordings(services.GetRequiredService<SqliteStore>()));
        return silo.AddMemoryGrainStorage(SessionStreams.PubSubStore);
    }
}
