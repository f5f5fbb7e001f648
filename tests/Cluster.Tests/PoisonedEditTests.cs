using System.Net;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;

namespace Interview.Cluster.Tests;

/// <summary>
/// Cluster mode, where the journal outlives a silo: a poisoned operation is refused before it is
/// journaled, and a poisoned journal entry (as an older version could have left one) is defended at
/// replay, so the session still activates on another silo and goes on.
/// </summary>
public sealed class PoisonedEditTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, gateways: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Poisoned_edits_are_refused_and_the_session_activates_on_another_silo()
    {
        var gateway = _cluster.Gateways[0];
        var sessionId = await Sessions.CreateAsync(gateway.Http);
        var template = Languages.Template("python");
        var connection = new HubConnectionBuilder().WithUrl(new Uri(gateway.BaseAddress, "/hub")).Build();
        var errors = new List<ErrorPayload>();
        connection.On<ErrorPayload>(HubEvents.Error, error => { lock (errors) { errors.Add(error); } });
        await using var _ = connection;
        await connection.StartAsync();
        await connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = $"{sessionId:D}", userId = Guid.NewGuid().ToString(), username = "Ada", protocol = "ot" });

        // The payloads that once corrupted a session, or made it unloadable once journaled.
        string[] poisons =
        [
            $"[10,-2147483647,-2147483647,{template.Length - 8}]",
            $"[10,-2147483647,-2147478647,{template.Length + 4992}]",
            $"[2147483647,\"{new string('x', Limits.MaxCodeBytes - template.Length - 1)}\",2147483647,{template.Length + 2}]",
        ];
        foreach (var poison in poisons)
        {
            var answer = await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, Submission(sessionId, 1, 0, poison));
            Assert.Null(answer?.Revision);
            Assert.Equal(ErrorCodes.InvalidPayload, answer?.Error?.Code); // the refusal's answer says why
        }

        await Eventually.HoldsAsync(() => { lock (errors) { return errors.Count == poisons.Length; } }, "each poison is refused");
        Assert.All(errors, error => Assert.Equal(ErrorCodes.InvalidPayload, error.Code));
        Assert.Equal(1, (await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, Submission(sessionId, 1, 0, $"[\"ok \",{template.Length}]")))!.Revision);

        // An entry no check of today's would let in, planted as the journal's next: an older version's overflow.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis.ConnectionString))
        {
            var key = $"interview/interview-tests/journal/{sessionId:N}";
            var last = (long)await redis.GetDatabase().StringGetAsync($"{key}/last");
            await redis.GetDatabase().ListRightPushAsync(key, $$"""{"n":{{last + 1}},"r":2,"o":[10,-2147483647,-2147483647,{{template.Length - 5}}],"u":"u","c":"old","s":1}""");
            await redis.GetDatabase().StringSetAsync($"{key}/last", last + 1);
        }

        var holder = _cluster.SiloHolding(sessionId);
        await holder.Process.KillAsync();

        // Activated elsewhere: REST answers 200 (never 500), the text is what was accepted, and it goes on.
        await Eventually.HoldsAsync(async () => (await gateway.Http.GetAsync($"/api/sessions/{sessionId:D}")).StatusCode == HttpStatusCode.OK, "the session answers again", TimeSpan.FromSeconds(60));
        await using var newcomer = await Typist.JoinAsync(gateway.BaseAddress, sessionId, "Newcomer");
        Assert.Equal("ok " + template, await newcomer.TextAsync());
        var next = await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, Submission(sessionId, 2, 1, $"[\"more \",{template.Length + 3}]"));
        Assert.Equal(2, next?.Revision);
        var survivor = _cluster.Silos.Single(silo => !silo.Process.HasExited);
        await Eventually.HoldsAsync(() => survivor.Process.Output.Contains("replay stopped there", StringComparison.Ordinal), "the silo logs why it did not replay the entry");
    }

    private static JsonElement Submission(Guid sessionId, long seq, long revision, string operation) =>
        JsonDocument.Parse($$"""{"sessionId":"{{sessionId:D}}","clientId":"ada-tab","seq":{{seq}},"revision":{{revision}},"operation":{{operation}}}""").RootElement;
}
