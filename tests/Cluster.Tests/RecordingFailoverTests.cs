using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Shared.Validation;
using Interview.Tests.Common;
using StackExchange.Redis;

namespace Interview.Cluster.Tests;

/// <summary>
/// docs/protocol.md, "Recording and playback", over a cluster on Redis: the session's silo killed mid-interview,
/// and the recording still holds every operation once, in order, with the runs and joins around them.
/// </summary>
public sealed class RecordingFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_mid_interview_leaves_the_recording_complete_and_in_order()
    {
        var (first, second) = (_cluster.Gateways[0], _cluster.Gateways[1]);
        var created = await (await first.Http.PostAsJsonAsync("/api/sessions/create", new { language = "python" })).Content.ReadFromJsonAsync<CreateSessionResponse>();
        var (sessionId, key) = (created!.SessionId, created.InterviewerKey);
        await using var ada = await HubPeer.ConnectAsync(first.BaseAddress);
        await using var cid = await HubPeer.ConnectAsync(second.BaseAddress);
        var joins = new[]
        {
            await ada.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = ada.UserId, username = "Ada", protocol = "ot", interviewerKey = key }),
            await cid.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = cid.UserId, username = "Cid", protocol = "ot" }),
        };
        Assert.All(joins, join => Assert.True(join.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined, join.GetRawText()));
        await Eventually.HoldsAsync(() => ada.All(HubEvents.UserJoined).Any(), "Ada hears of Cid");

        var text = Languages.Template("python");
        for (var seq = 1; seq <= 30; seq++)
        {
            if (seq == 16)
            {
                var holder = _cluster.SiloHolding(Guid.Parse(sessionId));
                await holder.Process.KillAsync();
                output.WriteLine($"killed {holder.BaseAddress} before operation {seq}");
            }

            var typist = seq % 2 == 0 ? cid : ada;
            var answer = await typist.InvokeAsync(OtProtocol.SubmitOperation, new
            {
                sessionId, clientId = typist == ada ? "ada-tab" : "cid-tab", seq, revision = seq - 1, operation = new object[] { text.Length, $"{seq};" },
            });
            Assert.True(answer.TryGetProperty("revision", out var acknowledged), $"{seq}: {answer.GetRawText()}");
            Assert.Equal(seq, acknowledged.GetInt64()); // the gateway retries through the failover
            text += $"{seq};";
            if (seq % 10 == 5)
            {
                Assert.True((await cid.InvokeAsync(HubMethods.ExecutionResult, new
                {
                    sessionId, language = "python", success = true, output = $"after {seq}", error = (string?)null, executionTime = 3, logs = Array.Empty<string>(),
                })).GetBoolean());
            }
        }

        var page = await ReadAsync(second, sessionId, key);
        var events = page.GetProperty("events").EnumerateArray().ToList();
        var replayed = page.GetProperty("initial").GetProperty("code").GetString()!;
        var revisions = new List<long>();
        foreach (var operation in events.Where(e => e.GetProperty("type").GetString() == "operation"))
        {
            revisions.Add(operation.GetProperty("revision").GetInt64());
            replayed = JsonSerializer.Deserialize<TextOperation>(operation.GetProperty("operation").GetRawText())!.Apply(replayed);
        }

        Assert.Equal(Enumerable.Range(1, 30).Select(r => (long)r), revisions);
        Assert.Equal(text, replayed);
        Assert.Equal(["after 5", "after 15", "after 25"], events.Where(e => e.GetProperty("type").GetString() == "run").Select(e => e.GetProperty("output").GetString()));
        Assert.Equal([ada.UserId, cid.UserId], events.Where(e => e.GetProperty("type").GetString() == "join").Select(e => e.GetProperty("userId").GetString())); // re-registration is no second join
        var order = events.Select(e => (e.GetProperty("type").GetString(), e.TryGetProperty("revision", out var r) ? r.GetInt64() : -1)).ToList();
        Assert.True(order.IndexOf(("run", 15)) > order.IndexOf(("operation", 15)) && order.IndexOf(("run", 15)) < order.IndexOf(("operation", 16)), string.Join(", ", order));

        // Ended: kept 30 days from now in Redis (its expiry is the retention), then deleted at once by the interviewer.
        await ada.InvokeAsync(HubMethods.EndSession, new { sessionId });
        var ended = await ReadAsync(first, sessionId, key);
        Assert.Equal("ended", ended.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
        Assert.NotEqual(JsonValueKind.Null, ended.GetProperty("endedAt").ValueKind);
        using var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString);
        var keys = redis.GetServer(_cluster.Redis.ConnectionString).Keys(pattern: $"*recording/{Guid.Parse(sessionId):N}*").ToList();
        Assert.Equal(2, keys.Count);
        foreach (var recordingKey in keys)
        {
            var left = await redis.GetDatabase().KeyTimeToLiveAsync(recordingKey);
            Assert.InRange(left!.Value, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(2), TimeSpan.FromDays(30));
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/sessions/{sessionId}/recording");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await first.Http.SendAsync(delete)).StatusCode);
        await ada.InvokeAsync(OtProtocol.SubmitOperation, new { sessionId, clientId = "ada-tab", seq = 31, revision = 0, operation = new object[] { "note" }, document = "notes" });
        using var gone = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/recording");
        gone.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await second.Http.SendAsync(gone)).StatusCode);
        Assert.False(await redis.GetDatabase().KeyExistsAsync(keys.Single(k => k.ToString().EndsWith("/events", StringComparison.Ordinal))));
    }

    private static async Task<JsonElement> ReadAsync(ClusterNode gateway, string sessionId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/recording");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await gateway.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
