using System.Net.Http.Json;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// docs/protocol.md, "Roles, notes, ending and activity", over a cluster: interviewers on different gateways
/// share the notes through a killed silo, and the candidate on the second interviewer's gateway never receives them.
/// </summary>
public sealed class InterviewerNotesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Notes_reach_the_interviewer_on_the_other_gateway_through_a_killed_silo_and_never_the_candidate()
    {
        var (first, second) = (_cluster.Gateways[0], _cluster.Gateways[1]);
        var created = await (await first.Http.PostAsJsonAsync("/api/sessions/create", new { language = "python" })).Content.ReadFromJsonAsync<CreateSessionResponse>();
        var (sessionId, key) = (created!.SessionId, created.InterviewerKey);
        await using var ada = await HubPeer.ConnectAsync(first.BaseAddress);
        await using var bea = await HubPeer.ConnectAsync(second.BaseAddress);
        await using var cid = await HubPeer.ConnectAsync(second.BaseAddress);
        await ada.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = ada.UserId, username = "Ada", protocol = "ot", interviewerKey = key });
        await bea.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = bea.UserId, username = "Bea", protocol = "ot", interviewerKey = key });
        await cid.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = cid.UserId, username = "Cid", protocol = "ot" });

        await Submit(ada, sessionId, seq: 1, revision: 0, ["SECRET-one"]);
        await Eventually.HoldsAsync(() => NotesSeen(bea).Contains(1), "Bea receives the first note");

        var holder = _cluster.SiloHolding(Guid.Parse(sessionId));
        await holder.Process.KillAsync();
        output.WriteLine($"killed {holder.BaseAddress}");
        await Submit(ada, sessionId, seq: 2, revision: 1, [10, " SECRET-two"]); // the gateway retries until a new activation takes it
        await Eventually.HoldsAsync(() => NotesSeen(bea).Contains(2), "Bea receives the note written after the kill", TimeSpan.FromSeconds(90));

        var rejoined = await bea.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = bea.UserId, username = "Bea", protocol = "ot", interviewerKey = key });
        Assert.True(rejoined.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined, rejoined.GetRawText());
        await Eventually.HoldsAsync(
            () => bea.All(HubEvents.SessionJoined).Any(j => j.GetProperty("notes").GetProperty("text").GetString() == "SECRET-one SECRET-two"),
            "the notes hold both, once");
        Assert.DoesNotContain(cid.Received, r => r.Json.Contains("SECRET", StringComparison.Ordinal) || r.Json.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(cid.Received, r => r.Json.Contains("\"notes\"", StringComparison.Ordinal));
    }

    private static Task Submit(HubPeer peer, string sessionId, long seq, long revision, object[] operation) =>
        peer.InvokeAsync(OtProtocol.SubmitOperation, new { sessionId, clientId = "ada-tab", seq, revision, operation, document = "notes" });

    private static List<long> NotesSeen(HubPeer peer) =>
        [.. peer.All(OtProtocol.Operation).Where(o => o.TryGetProperty("document", out var d) && d.GetString() == "notes").Select(o => o.GetProperty("revision").GetInt64())];
}
