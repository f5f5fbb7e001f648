using System.Text;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// Edits that once corrupted or bricked a session, sent through the hub with their exact payloads: each
/// is refused whole, the text, revision and size count stay as they were, the sender's connection and
/// numbering stay usable, and everyone else keeps editing and joining.
/// </summary>
[Collection(GatewayCollection.Name)]
public class EditIntegrityTests(GatewayFixture fixture)
{
    private static readonly string Template = Languages.Template(Languages.JavaScript); // 87 characters

    public static TheoryData<string, string> PoisonedOperations() => new()
    {
        // Deletes whose 32-bit sum wrapped round to -2: accepted once, they put NULs into the text.
        { "overflowing deletes", "[10,-2147483647,-2147483647,79]" },
        // Wrapped to a huge negative delete: every later join failed, and a replayed journal never activated.
        { "overflowing deletes that bricked joins", "[10,-2147483647,-2147478647,5079]" },
        { "retains that overflow", "[2147483647,\"x\",2147483647,90]" },
        { "the smallest 32-bit delete", "[-2147483648,87]" },
        { "a count past 32 bits", "[4294967383]" },
        { "a count past 64 bits", "[18446744073709551703]" },
        { "a fraction", "[86.5,\"x\",0.5]" },
        { "a count in exponent form", "[8.7e1]" },
        { "a nested operation", "[[87]]" },
        { "null", "[null,87]" },
        { "an operation longer than the text", "[88]" },
    };

    [Theory]
    [MemberData(nameof(PoisonedOperations))]
    public async Task A_poisoned_operation_is_refused_and_the_session_goes_on(string what, string operation)
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        await using var bob = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Bob");

        var error = await RefusedAsync(ada.Connection, Submit(id, "attacker", 1, 0, operation));

        Assert.True(error.Code == ErrorCodes.InvalidPayload, $"{what}: {error.Code} {error.Message}");
        Assert.Equal("operation", error.Details!["field"]);
        await AssertSessionAsync(id, Template, 0);

        // Both still edit, and see each other's edits.
        ada.Edit(new(0, 0, "A"));
        bob.Edit(new(bob.Text.Length, 0, "B"));
        await Eventually.HoldsAsync(() => ada.Text == bob.Text && ada.Text.Length == Template.Length + 2 && ada.Synchronized && bob.Synchronized, "both edits reach both");
        Assert.Equal("A" + Template + "B", ada.Text);
        Assert.DoesNotContain('\0', ada.Text);
        await AssertSessionAsync(id, "A" + Template + "B", 2);
    }

    [Fact]
    public async Task A_refused_edit_leaves_the_size_count_alone()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        var len = Template.Length;
        var filler = new string('x', Limits.MaxCodeBytes - len - 1);

        // Once refused only after it had inflated the document's UTF-8 count, and after it was journaled.
        var error = await RefusedAsync(ada.Connection, Submit(id, "tab", 1, 0, $"[2147483647,\"{filler}\",2147483647,{len + 2}]"));
        Assert.Equal(ErrorCodes.InvalidPayload, error.Code);
        await AssertSessionAsync(id, Template, 0);

        // The text may still grow to exactly 100 KB, and not one byte past.
        var fill = new string('y', Limits.MaxCodeBytes - len);
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "tab", 1, 0, JsonSerializer.Serialize(new object[] { len, fill }))));
        var over = await RefusedAsync(ada.Connection, Submit(id, "tab", 2, 1, $"[{Limits.MaxCodeBytes},\"z\"]"));
        Assert.Equal(("INVALID_PAYLOAD", "The code would exceed the 100 KB limit"), (over.Code, over.Message));
        await AssertSessionAsync(id, Template + fill, 1);
    }

    [Fact]
    public async Task A_refused_paste_uses_nothing_up_and_typing_goes_on()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        await using var bob = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Bob");
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 1, 0, $"[\"a\",{Template.Length}]")));

        // 120 KB pasted over everything.
        var paste = JsonSerializer.Serialize(new object[] { new string('p', 120 * 1024), -(Template.Length + 1) });
        var refused = await RefusedAsync(ada.Connection, Submit(id, "ada-tab", 2, 1, paste));
        Assert.Equal(("INVALID_PAYLOAD", "operation", "The code would exceed the 100 KB limit"), (refused.Code, refused.Details!["field"], refused.Message));

        // The refused number was not used up: it, and any higher one, is a new edit (not the answer to an old one).
        Assert.Equal(2, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 2, 1, $"[\"b\",{Template.Length + 1}]")));
        Assert.Equal(3, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 7, 2, $"[\"c\",{Template.Length + 2}]")));
        await Eventually.HoldsAsync(() => bob.Revision == 3 && bob.Text == "cba" + Template, "Bob receives every accepted edit");
        await AssertSessionAsync(id, "cba" + Template, 3);
    }

    [Fact]
    public async Task Nobody_can_use_another_participants_client_id()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        await using var mallory = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Mallory");
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 1, 0, $"[\"a\",{Template.Length}]")));

        // Mallory saw "ada-tab" in the operation event; claiming its next number, or a huge one, is refused.
        foreach (var seq in new[] { 2L, long.MaxValue })
        {
            var refused = await RefusedAsync(mallory.Connection, Submit(id, "ada-tab", seq, 1, $"[{Template.Length + 1}]"));
            Assert.Equal(("INVALID_PAYLOAD", "clientId"), (refused.Code, refused.Details!["field"]));
        }

        // Ada's next keystroke is applied, not taken for a repeat.
        Assert.Equal(2, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 2, 1, $"[\"b\",{Template.Length + 1}]")));
        await AssertSessionAsync(id, "ba" + Template, 2);
    }

    [Fact]
    public async Task A_rejoin_naming_its_client_id_learns_its_last_applied_number()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "ot" });
        await ada.EventAsync(HubEvents.SessionJoined);
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "ada-tab", 3, 0, $"[\"a\",{Template.Length}]")));

        await using var again = await fixture.ConnectAsync("Ada", ada.UserId);
        await again.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "ot", clientId = "ada-tab", userToken = ada.TokenIn(id) });
        Assert.Equal(3, (await again.EventAsync(HubEvents.SessionJoined)).GetProperty("lastSeq").GetInt64());
        var bad = await again.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "ot", clientId = "a b", userToken = ada.TokenIn(id) });
        Assert.Equal(("INVALID_PAYLOAD", "clientId"), (bad.Str("code"), bad.GetProperty("details").Str("field")));
    }

    [Fact]
    public async Task An_operation_of_150000_inserts_is_refused_before_the_grain_and_a_stranger_before_it_is_read()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        var many = new StringBuilder("[").Append(Template.Length);
        for (var i = 0; i < 150_000; i++)
        {
            many.Append(",\"x\"");
        }

        var huge = many.Append(']').ToString();

        var error = await RefusedAsync(ada.Connection, Submit(id, "tab", 1, 0, huge));
        Assert.Equal(("INVALID_PAYLOAD", "operation"), (error.Code, error.Details!["field"]));
        Assert.Contains("at most 20001 components", error.Message, StringComparison.Ordinal);

        // Someone not in the session is told so, whatever the operation holds: it is never read.
        await using var stranger = await fixture.ConnectAsync("Mallory");
        await stranger.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = await fixture.CreateSessionAsync(), userId = stranger.UserId });
        await stranger.EventAsync(HubEvents.SessionJoined);
        var notJoined = await stranger.ErrorFromAsync(OtProtocol.SubmitOperation, Submit(id, "tab", 1, 0, huge));
        Assert.Equal(ErrorCodes.InvalidSession, notJoined.Str("code"));
        var garbage = await stranger.ErrorFromAsync(OtProtocol.SubmitOperation, Submit(id, "tab", 1, 0, "[{\"not\":\"an operation\"}]"));
        Assert.Equal(ErrorCodes.InvalidSession, garbage.Str("code"));
        await AssertSessionAsync(id, Template, 0);

        // Many components are fine up to the limit: 20,001 of them, as 10,000 cursors typing at once make.
        var elements = new List<object>();
        foreach (var _ in Template)
        {
            elements.AddRange(["k", 1]);
        }

        elements.AddRange(Enumerable.Repeat<object>("k", 20_001 - elements.Count));
        var expected = string.Concat(Template.Select(c => "k" + c)) + new string('k', 20_001 - (2 * Template.Length));
        var overLimit = JsonSerializer.Serialize(elements.Append("k"));
        Assert.Equal(ErrorCodes.InvalidPayload, (await RefusedAsync(ada.Connection, Submit(id, "tab", 1, 0, overLimit))).Code);
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "tab", 1, 0, JsonSerializer.Serialize(elements))));
        await AssertSessionAsync(id, expected, 1);
    }

    [Fact]
    public async Task Churning_client_ids_cannot_grow_a_session()
    {
        var id = await fixture.CreateSessionAsync();
        var tabs = new List<OtHubClient>();
        for (var i = 0; i < 3; i++)
        {
            tabs.Add(await OtHubClient.JoinAsync(fixture.BaseAddress, id, $"Tab{i}"));
        }

        // 3,000 operations, each under a client id never used before (1,000 per connection: within its budget).
        var revision = 0L;
        for (var n = 0; n < 3000; n++)
        {
            var created = await AcceptedAsync(tabs[n % 3].Connection, Submit(id, $"churn{n}", 1, revision, $"[{Template.Length + n},\"x\"]"));
            Assert.Equal(++revision, created);
        }

        // What the session keeps of its tabs, as its next state write stores it, stays bounded.
        var grain = fixture.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(Guid.Parse(id));
        var storage = fixture.Services.GetRequiredKeyedService<IGrainStorage>(SessionGrain.Storage);
        var stored = new GrainState<SessionState>(new SessionState());
        await Eventually.HoldsAsync(async () =>
        {
            await storage.ReadStateAsync("session", grain.GetGrainId(), stored);
            return stored.State?.Revision == 3000;
        }, "the session writes its state");
        Assert.InRange(stored.State!.Clients.Count, 1, OperationHistory.MaxClientsKept);
        Assert.True(stored.State.Clients.ContainsKey("churn2999"));
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_huge_operation_made_against_an_old_revision_is_sent_to_resync_not_transformed_at_any_cost()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        var filler = new string('x', 10_000);
        Assert.Equal(1, await AcceptedAsync(ada.Connection, Submit(id, "bob-tab", 1, 0, $"[\"{filler}\",{Template.Length}]")));
        var length = filler.Length + Template.Length;
        for (var revision = 1; revision <= 10; revision++)
        {
            Assert.Equal(revision + 1, await AcceptedAsync(ada.Connection, Submit(id, "bob-tab", revision + 1, revision, $"[{length + revision - 1},\"b\"]")));
        }

        // 20,000 components (an insert before each x) made against revision 1: crossing ten operations is
        // past the transform budget, so the tab is sent to resync instead.
        var everyX = new List<object>();
        for (var i = 0; i < filler.Length; i++)
        {
            everyX.AddRange(["m", 1]);
        }

        var resync = await RefusedAsync(ada.Connection, Submit(id, "mass-edit", 1, 1, JsonSerializer.Serialize(everyX.Append(Template.Length))));
        Assert.Equal(ErrorCodes.ResyncRequired, resync.Code);
        await AssertSessionAsync(id, filler + Template + new string('b', 10), 11);

        // At the head it crosses nothing, and the same edit applies.
        Assert.Equal(12, await AcceptedAsync(ada.Connection, Submit(id, "mass-edit", 1, 11, JsonSerializer.Serialize(everyX.Append(Template.Length + 10)))));
        await AssertSessionAsync(id, string.Concat(Enumerable.Repeat("mx", filler.Length)) + Template + new string('b', 10), 12);
    }

    [Fact]
    public async Task A_run_with_10000_console_lines_cut_as_the_browser_cuts_it_is_shared()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        // The browser's cut (tests/Shared.Tests/OutputLimit: lines 0 to 1134 make 10,239 bytes with their separators).
        var logs = Enumerable.Range(0, 1135).Select(i => $"line {i}").ToList();
        logs[^1] += "\n… output cut at 10 KB (88650 more bytes not shown)";
        Assert.True(await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "javascript", success = true, output = "", executionTime = 40, logs }));
        var shared = await bob.EventAsync(HubEvents.ExecutionResult);
        Assert.Equal(logs, shared.GetProperty("logs").EnumerateArray().Select(line => line.GetString()));

        // Uncut, the same run is refused: the limit counts the line breaks, as the browser does.
        var all = Enumerable.Range(0, 10_000).Select(i => $"line {i}").ToArray();
        var error = await ada.ErrorFromAsync(HubMethods.ExecutionResult, new { sessionId = id, language = "javascript", success = true, output = "", executionTime = 40, logs = all });
        Assert.Equal(("INVALID_PAYLOAD", "logs"), (error.Str("code"), error.GetProperty("details").Str("field")));
    }

    private static JsonElement Submit(string sessionId, string clientId, long seq, long revision, string operation) =>
        JsonDocument.Parse($$"""{"sessionId":"{{sessionId}}","clientId":"{{clientId}}","seq":{{seq}},"revision":{{revision}},"operation":{{operation}}}""").RootElement;

    private static async Task<long> AcceptedAsync(HubConnection connection, JsonElement payload) =>
        (await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, payload))?.Revision
            ?? throw new Xunit.Sdk.XunitException("the submission was refused");

    private static async Task<ErrorPayload> RefusedAsync(HubConnection connection, JsonElement payload)
    {
        var error = new TaskCompletionSource<ErrorPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = connection.On<ErrorPayload>(HubEvents.Error, e => error.TrySetResult(e));
        var answer = await connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, payload);
        Assert.Null(answer?.Revision);
        var sent = await error.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(sent.Code, answer?.Error?.Code); // the answer carries the error event's reason
        return sent;
    }

    /// <summary>What a newcomer is given: the session's text and revision.</summary>
    private async Task AssertSessionAsync(string sessionId, string text, long revision)
    {
        await using var newcomer = await fixture.ConnectAsync("Newcomer");
        var joined = await newcomer.JoinAsync(sessionId);
        Assert.Equal(text, joined.Str("currentCode"));
        Assert.Equal(revision, joined.GetProperty("revision").GetInt64());
    }
}
