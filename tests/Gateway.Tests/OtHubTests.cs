using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>Protocol "ot" (docs/protocol.md, "Operations") through the hub.</summary>
[Collection(GatewayCollection.Name)]
public class OtHubTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Ten_clients_typing_at_once_converge_with_every_character_once()
    {
        var id = await fixture.CreateSessionAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => OtHubClient.JoinAsync(fixture.BaseAddress, id, $"Typist{i}")));
        var initial = clients[0].Text;
        var typed = Enumerable.Range(0, 10 * 30).Select(i => (char)('\u4E00' + i)).ToArray();

        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var k = 0; k < 30; k++)
            {
                var letter = typed[c * 30 + k].ToString();
                client.EditOnText(text => new TextEdit(random.Next(text.Length + 1), 0, letter));
                await Task.Delay(random.Next(0, 4));
            }
        })));

        await Eventually.HoldsAsync(() => clients.All(c => c.Synchronized) && clients.Select(c => c.Revision).Distinct().Count() == 1,
            "every client has every operation", TimeSpan.FromSeconds(30));
        await using var late = await fixture.ConnectAsync("Late");
        var final = (await late.JoinAsync(id)).Str("currentCode");
        Assert.All(clients, c => Assert.Equal(final, c.Text));
        Assert.Equal(initial.Length + typed.Length, final.Length);
        Assert.All(typed, ch => Assert.Equal(1, final.Count(c => c == ch)));
        Assert.All(clients, c => Assert.Empty(c.Errors));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ot_and_full_text_clients_share_one_text()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ot = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ot");
        await using var spec = await fixture.ConnectAsync("Spec");
        var template = (await spec.JoinAsync(id)).Str("currentCode");

        ot.Edit(new TextEdit(0, 0, "// from ot\n"));
        Assert.Equal("// from ot\n" + template, (await spec.EventAsync(HubEvents.CodeUpdate)).Str("code"));

        await spec.ChangeCodeAsync(id, "// from ot\n" + template + "\n// from spec");
        await Eventually.HoldsAsync(() => ot.Text.EndsWith("// from spec", StringComparison.Ordinal), "the full-text change reaches the ot client");
        Assert.Equal("// from ot\n" + template + "\n// from spec", ot.Text);
    }

    [Fact]
    public async Task Submit_operation_answers_the_revision_it_created()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        var joined = await ada.Connection.InvokeAsync<object?>(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "ot" });
        var text = (await ada.EventAsync(HubEvents.SessionJoined)).Str("currentCode");

        var operation = new TextOperation.Builder().Insert("x").Retain(text.Length).Build();
        var result = await ada.Connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 1, revision = 0, operation });
        var again = await ada.Connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, new { sessionId = id, clientId = "tab", seq = 1, revision = 0, operation });

        Assert.Null(joined);
        Assert.Equal(new SubmitResult(1), result);
        Assert.Equal(result, again); // a resend is answered, not applied twice
        Assert.Equal(0, ada.Count(HubEvents.CodeUpdate)); // ot clients get operations, not full texts
    }

    public static TheoryData<string, string, string?> BadSubmissions => new()
    {
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":0}""", "INVALID_PAYLOAD", "operation" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":0,"operation":[0]}""", "INVALID_PAYLOAD", "operation" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":0,"operation":"x"}""", "INVALID_PAYLOAD", "operation" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":0,"operation":[99999]}""", "INVALID_PAYLOAD", "operation" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":0,"revision":0,"operation":["x",LENGTH]}""", "INVALID_PAYLOAD", "seq" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":-1,"operation":["x",LENGTH]}""", "INVALID_PAYLOAD", "revision" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":"0","operation":["x",LENGTH]}""", "INVALID_PAYLOAD", "revision" },
        { """{"sessionId":"SESSION","clientId":"a b","seq":1,"revision":0,"operation":["x",LENGTH]}""", "INVALID_PAYLOAD", "clientId" },
        { """{"sessionId":"SESSION","seq":1,"revision":0,"operation":["x",LENGTH]}""", "INVALID_PAYLOAD", "clientId" },
        { """{"sessionId":"SESSION","clientId":"tab","seq":1,"revision":5,"operation":["x",LENGTH]}""", "RESYNC_REQUIRED", null },
        { """{"sessionId":"bad","clientId":"tab","seq":1,"revision":0,"operation":["x",LENGTH]}""", "INVALID_SESSION", null },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task A_bad_submission_gets_its_error_and_changes_nothing(string payload, string code, string? field)
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "ot" });
        var text = (await ada.EventAsync(HubEvents.SessionJoined)).Str("currentCode");
        var json = JsonDocument.Parse(payload.Replace("SESSION", id, StringComparison.Ordinal).Replace("LENGTH", text.Length.ToString(), StringComparison.Ordinal)).RootElement;

        var result = await ada.Connection.InvokeAsync<SubmitResult?>(OtProtocol.SubmitOperation, json);

        Assert.Null(result?.Revision);
        var error = await ada.EventAsync(HubEvents.Error);
        Assert.Equal(code, error.Str("code"));
        Assert.Equal(code, result?.Error?.Code); // the answer carries the error event's reason
        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("details").Str("field"));
        }

        await using var peek = await fixture.ConnectAsync("Peek");
        Assert.Equal((text, 0), ((await peek.JoinAsync(id)).Str("currentCode"), (await peek.EventAsync(HubEvents.SessionJoined)).Int("revision")));
    }

    [Fact]
    public async Task An_unknown_protocol_is_refused()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        var error = await ada.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = ada.UserId, protocol = "crdt" });
        Assert.Equal(("INVALID_PAYLOAD", "protocol"), (error.Str("code"), error.GetProperty("details").Str("field")));
    }

    [Fact]
    public async Task Cursors_go_to_the_other_ot_clients_with_name_and_color()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        await using var bob = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Bob");

        await ada.MoveCursorAsync(new SelectionRange(2, 5));

        await Eventually.HoldsAsync(() => bob.Cursors.Count == 1, "Bob sees Ada's selection");
        var cursor = bob.Cursors.Single();
        Assert.Equal(("Ada", 1, 2, 5), (cursor.Username, cursor.Selections.Count, cursor.Selections[0].Anchor, cursor.Selections[0].Head));
        Assert.StartsWith("#", cursor.Color, StringComparison.Ordinal);
        Assert.Empty(ada.Cursors);

        await ada.Connection.InvokeAsync(OtProtocol.CursorChange, new { sessionId = id, selections = "everywhere" });
        await Eventually.HoldsAsync(() => ada.Errors.Any(e => e.Code == ErrorCodes.InvalidPayload), "a bad cursor is refused");
    }

    [Fact]
    public async Task A_rejoining_client_gets_the_operations_it_missed()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await OtHubClient.JoinAsync(fixture.BaseAddress, id, "Ada");
        ada.Edit(new TextEdit(0, 0, "1"));
        ada.Edit(new TextEdit(0, 0, "2"));
        await Eventually.HoldsAsync(() => ada.Synchronized && ada.Revision == 2, "both edits are applied");

        await using var bob = await fixture.ConnectAsync("Bob");
        await bob.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = bob.UserId, protocol = "ot", revision = 0 });
        var joined = await bob.EventAsync(HubEvents.SessionJoined);

        Assert.Equal([1, 2], joined.GetProperty("operations").EnumerateArray().Select(o => o.Int("revision")));
        Assert.Equal(JsonValueKind.Array, joined.GetProperty("operations")[0].GetProperty("operation").ValueKind);
    }
}
