using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// A refused invocation completes with {error} carrying what the error event said (docs/protocol.md,
/// "Refusals and errors"), after that event; an accepted submit-operation still answers exactly {revision}.
/// </summary>
[Collection(GatewayCollection.Name)]
public class RefusalAnswerTests(GatewayFixture fixture)
{
    // SESSION is a session the connection has not joined, USER its user; join names a session that does not exist.
    public static TheoryData<string, string> RefusedKinds => new()
    {
        { HubMethods.JoinSession, """{"sessionId":"0f8fad5b-d9cb-469f-a165-70867728950e","userId":"USER","username":"Ada"}""" },
        { HubMethods.CodeChange, """{"sessionId":"SESSION","userId":"USER","code":"x","language":"python"}""" },
        { HubMethods.LanguageChange, """{"sessionId":"SESSION","userId":"USER","language":"python"}""" },
        { OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":0,"operation":["x"]}""" },
        { OtProtocol.CursorChange, """{"sessionId":"SESSION","selections":[{"anchor":0,"head":0}]}""" },
        { HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":true,"output":"1","executionTime":1}""" },
        { OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"a b","seq":1,"revision":0,"operation":["x"]}""" }, // a field refused before the session is asked
    };

    [Theory]
    [MemberData(nameof(RefusedKinds))]
    public async Task A_refused_invocation_completes_with_the_error_its_error_event_carried(string method, string payload)
    {
        var id = await fixture.CreateSessionAsync("python");
        await using var ada = await fixture.ConnectAsync("Ada");
        var before = ada.Count(HubEvents.Error);
        var filled = payload.Replace("SESSION", id, StringComparison.Ordinal).Replace("USER", ada.UserId, StringComparison.Ordinal);

        var answer = await ada.Connection.InvokeAsync<JsonElement>(method, JsonDocument.Parse(filled).RootElement);

        var sent = await ada.EventAsync(HubEvents.Error, skip: before);
        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
        Assert.Equal(["error"], answer.EnumerateObject().Select(p => p.Name));
        var error = answer.GetProperty("error");
        Assert.NotEqual(ErrorCodes.ConnectionError, sent.Str("code"));
        Assert.Equal((sent.Str("code"), sent.Str("message")), (error.Str("code"), error.Str("message")));
        Assert.Equal(sent.GetRawText(), error.GetRawText()); // the same ErrorPayload, details and all
    }

    [Fact]
    public async Task On_the_wire_an_accepted_submission_answers_exactly_its_revision_and_a_refused_one_its_error()
    {
        var id = await fixture.CreateSessionAsync("python");
        using var raw = await RawHubSocket.ConnectAsync(fixture.BaseAddress);
        await raw.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{id}}","userId":"{{Guid.NewGuid()}}","username":"Raw","protocol":"ot"}""");
        var joined = await raw.NextEventAsync();
        Assert.Equal(HubEvents.SessionJoined, joined.Str("target"));
        var length = joined.GetProperty("arguments")[0].Str("currentCode").Length;

        await raw.SendFrameAsync($$"""{"type":1,"invocationId":"1","target":"{{OtProtocol.SubmitOperation}}","arguments":[{"sessionId":"{{id}}","clientId":"raw","seq":1,"revision":0,"operation":["x",{{length}}]}]}""");
        var accepted = await CompletionAsync(raw, "1");
        Assert.Equal("""{"revision":1}""", accepted.GetProperty("result").GetRawText());

        await raw.SendFrameAsync($$"""{"type":1,"invocationId":"2","target":"{{OtProtocol.SubmitOperation}}","arguments":[{"sessionId":"{{id}}","clientId":"raw","seq":0,"revision":1,"operation":["x"]}]}""");
        var refused = await CompletionAsync(raw, "2");
        var error = refused.GetProperty("result").GetProperty("error");
        Assert.Equal(["error"], refused.GetProperty("result").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["message", "code", "details"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal((ErrorCodes.InvalidPayload, "seq"), (error.Str("code"), error.GetProperty("details").Str("field")));
        Assert.False(refused.TryGetProperty("error", out _)); // a completion with a result, not SignalR's own failure
    }

    /// <summary>The completion (type 3) of one invocation; the events before it are skipped.</summary>
    private static async Task<JsonElement> CompletionAsync(RawHubSocket raw, string invocationId)
    {
        while (true)
        {
            foreach (var frame in await raw.ReceiveFramesAsync()) // the error event may share a read with the completion
            {
                var message = JsonDocument.Parse(frame).RootElement;
                if (message.GetProperty("type").GetInt32() == 3 && message.Str("invocationId") == invocationId)
                {
                    return message;
                }
            }
        }
    }
}
