using Interview.Grains.Hosting;
using Interview.Grains.Sessions;
using Interview.Grains.Storage;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;
using Interview.Tests.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Interview.Grains.Tests.Storage;

/// <summary>Sessions on Orleans' test cluster with the embedded store: a whole cluster goes away and comes back on one DATA_DIR.</summary>
public sealed class DurableSessionTests : IDisposable
{
    private readonly string _folder = TestEnvironment.NewDataDirectory();

    private InProcessTestCluster Cluster(TimeSpan? maintenance = null) => new InProcessTestClusterBuilder(1)
        .ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(DataDirectory.Setting, _folder)]).Build();
            silo.UseEmbeddedStorage(configuration).AddInterviewGrains(configuration);
            silo.Services.Configure<SessionLifetimeOptions>(options => options.MaintenanceInterval = maintenance ?? options.MaintenanceInterval);
        })
        .ConfigureClient(client =>
        {
            client.AddMemoryStreams(SessionStreams.Provider);
            client.Services.AddWireContractSerialization();
        })
        .Build();

    /// <summary>Creates a session, joins it, types three edits and switches it to Python; answers what everyone was told.</summary>
    private static async Task<(Guid Id, SessionDetails Created, SessionJoined Typed)> InterviewAsync(InProcessTestCluster cluster)
    {
        var id = Guid.NewGuid();
        var grain = cluster.Client.GetGrain<ISessionGrain>(id);
        var created = await grain.Create(Languages.JavaScript, InterviewerKeys.Hash(ClusterFixture.Key));
        await using var listener = await SessionListener.StartAsync(cluster.Client, id);
        var joined = (await grain.Join(listener.Request("a", "user-a", "Ada", ot: true))).Joined!;
        var text = joined.CurrentCode;
        foreach (var (seq, insert) in new[] { (1L, "def f():\n"), (2L, "    return 42\n"), (3L, "# 日本 😀\r\n") })
        {
            var outcome = await grain.SubmitOperation("a", new Submission("tab-a", seq, seq - 1, new TextOperation.Builder().Retain(text.Length).Insert(insert).Build()));
            Assert.Equal(seq, outcome.Revision);
            text += insert;
        }

        Assert.Null(await grain.ChangeLanguage("a", Languages.Python));
        var typed = (await grain.Join(listener.Request("b", "user-b", "Bob", ot: true))).Joined!;
        Assert.Equal((text, Languages.Python, 3L), (typed.CurrentCode, typed.Language, typed.Revision));
        return (id, created, typed);
    }

    private static async Task AssertSameInterviewAsync(InProcessTestCluster cluster, Guid id, SessionDetails created, SessionJoined typed)
    {
        var grain = cluster.Client.GetGrain<ISessionGrain>(id);
        var lookup = await grain.Describe();
        Assert.Equal(SessionStatus.Active, lookup.Status);
        Assert.Equal((created.CreatedAt, Languages.Python), (lookup.Details!.CreatedAt, lookup.Details.Language));

        await using var listener = await SessionListener.StartAsync(cluster.Client, id);
        var rejoined = (await grain.Join(listener.Request("c", "user-a", "Ada", ot: true))).Joined!;
        Assert.Equal((typed.CurrentCode, typed.Language, typed.Revision), (rejoined.CurrentCode, rejoined.Language, rejoined.Revision));

        // Typing goes on from there, and a resend of an edit made before the restart is still recognised.
        var next = await grain.SubmitOperation("c", new Submission("tab-c", 1, rejoined.Revision, new TextOperation.Builder().Retain(rejoined.CurrentCode.Length).Insert("print(f())\n").Build()));
        Assert.Equal(rejoined.Revision + 1, next.Revision);
        var resend = await grain.SubmitOperation("c", new Submission("tab-a", 3, 2, new TextOperation.Builder().Insert("doubled?").Build()));
        Assert.Equal(3, resend.Revision);
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_whole_cluster()
    {
        Guid id;
        SessionDetails created;
        SessionJoined typed;
        await using (var cluster = Cluster())
        {
            await cluster.DeployAsync();
            (id, created, typed) = await InterviewAsync(cluster);
        } // a graceful stop: the session deactivates and writes its state

        await using var restarted = Cluster();
        await restarted.DeployAsync();
        await AssertSameInterviewAsync(restarted, id, created, typed);
    }

    [Fact]
    public async Task Changes_the_stored_state_does_not_hold_yet_come_back_from_the_journal_after_a_crash()
    {
        Guid id;
        SessionDetails created;
        SessionJoined typed;
        var cluster = Cluster(maintenance: TimeSpan.FromHours(1)); // no coalesced state write after Create
        await cluster.DeployAsync();
        (id, created, typed) = await InterviewAsync(cluster);
        await cluster.KillSiloAsync(cluster.Silos[0]); // no deactivation, no state write
        await cluster.DisposeAsync();

        await using var restarted = Cluster(maintenance: TimeSpan.FromHours(1));
        await restarted.DeployAsync();
        var stored = new GrainState<SessionState>(new SessionState());
        var storage = restarted.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SessionGrain.Storage);
        await storage.ReadStateAsync("session", restarted.Client.GetGrain<ISessionGrain>(id).GetGrainId(), stored);
        Assert.Equal((0L, Languages.JavaScript), (stored.State!.Revision, stored.State!.Language)); // as created: the rest is only in the journal

        await AssertSameInterviewAsync(restarted, id, created, typed);
    }

    public void Dispose() => TestEnvironment.DeleteDataDirectory(_folder);
}
