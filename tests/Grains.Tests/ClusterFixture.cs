using Interview.Shared.Validation;
using Interview.Grains.Hosting;
using Interview.Grains.Journal;
using Interview.Grains.Recording;
using Interview.Grains.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Interview.Grains.Tests;

/// <summary>One in-process test cluster for all grain tests; they run one at a time, so moving its clock is safe.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The session clock the silo's grains read; tests move it instead of waiting.</summary>
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero));

    /// <summary>The silo's recordings, in this process (the journal records text changes there as it appends them).</summary>
    public static ProcessLocalRecordings Recordings { get; } = new(Clock);

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's session journal (the in-process test cluster shares this process).</summary>
    public static MemoryJournal Journal { get; } = new(Recordings);

    public Task InitializeAsync() => Cluster.DeployAsync();

    /// <summary>The interviewer key every session made by <see cref="CreateSessionAsync"/> has.</summary>
    public static string Key { get; } = InterviewerKeys.New();

    /// <summary>A new session in the given language, and its id.</summary>
    public async Task<(ISessionGrain Grain, Guid Id)> CreateSessionAsync(string language = "javascript")
    {
        var id = Guid.NewGuid();
        var grain = Grains.GetGrain<ISessionGrain>(id);
        await grain.Create(language, InterviewerKeys.Hash(Key));
        return (grain, id);
    }

    /// <summary>What a grain has written to storage, read behind its back.</summary>
    public async Task<T> StoredAsync<T>(string stateName, IAddressable grain)
        where T : new()
    {
        var silo = (InProcessSiloHandle)Cluster.Primary!;
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(SessionGrain.Storage);
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? new T();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddInterviewGrains(new ConfigurationBuilder().Build()).UseInMemoryStorage();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, Clock);
            siloBuilder.Services.AddSingleton<ISessionJournal>(Journal);
            siloBuilder.Services.AddSingleton(Recordings);
            siloBuilder.Services.AddSingleton<ISessionRecordings>(Recordings);
            siloBuilder.Services.Configure<SessionLifetimeOptions>(options =>
            {
                options.MaintenanceInterval = TimeSpan.FromMilliseconds(50);
                options.RegistrySweepInterval = TimeSpan.FromMilliseconds(100);
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.AddMemoryStreams(SessionStreams.Provider);
            clientBuilder.Services.AddWireContractSerialization();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
