using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>input-change and input-update over the hub, and a run's input (docs/protocol.md, "Program input").</summary>
[Collection(GatewayCollection.Name)]
public class ProgramInputHubTests(GatewayFixture fixture)
{
    private readonly RecordingClient _recording = new(fixture.Http);

    [Fact]
    public async Task The_others_get_the_whole_input_with_whose_it_is_and_joins_carry_it()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        Assert.Equal(string.Empty, (await ada.JoinAsync(id)).Str("input"));
        await bob.JoinAsync(id);

        await ada.Connection.InvokeAsync(HubMethods.InputChange, new { sessionId = id, input = "3\n1 2 3\n" });

        var update = await bob.EventAsync(HubEvents.InputUpdate);
        Assert.Equal(["input", "userId", "username"], Json.Keys(update));
        Assert.Equal(("3\n1 2 3\n", ada.UserId, "Ada"), (update.Str("input"), update.Str("userId"), update.Str("username")));
        await using var cid = await fixture.ConnectAsync("Cid");
        Assert.Equal("3\n1 2 3\n", (await cid.JoinAsync(id)).Str("input"));
        await bob.ChangeCodeAsync(id, "later"); // a later event, to be sure no input-update is on its way back to Ada
        await ada.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "later");
        Assert.Equal(0, ada.Count(HubEvents.InputUpdate));
    }

    public static TheoryData<string, object> BadChanges => new()
    {
        { "input missing", new { sessionId = "{id}" } },
        { "input a number", new { sessionId = "{id}", input = 42 } },
        { "input an array", new { sessionId = "{id}", input = new[] { "1", "2" } } },
        { "input null", new { sessionId = "{id}", input = (string?)null } },
        { "input over 10 KB", new { sessionId = "{id}", input = new string('7', 10 * 1024 + 1) } },
        { "input over 10 KB in UTF-8", new { sessionId = "{id}", input = new string('€', 3414) } },
        { "input an object", new { sessionId = "{id}", input = new { text = "1" } } },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_refused_by_field_and_changes_nothing(string what, object payload)
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        await ada.Connection.InvokeAsync(HubMethods.InputChange, new { sessionId = id, input = "kept" });
        await bob.EventAsync(HubEvents.InputUpdate);

        var json = JsonSerializer.Serialize(payload).Replace("{id}", id);
        var error = await ada.ErrorFromAsync(HubMethods.InputChange, JsonDocument.Parse(json).RootElement);

        Assert.Equal((ErrorCodes.InvalidPayload, "input"), (error.Str("code"), error.GetProperty("details").Str("field")));
        await using var cid = await fixture.ConnectAsync("Cid");
        Assert.True((await cid.JoinAsync(id)).Str("input") == "kept", what);
        await ada.Connection.InvokeAsync(HubMethods.InputChange, new { sessionId = id, input = "after" }); // the connection still serves
        await bob.EventAsync(HubEvents.InputUpdate, u => u.Str("input") == "after");
        Assert.Equal(2, bob.Count(HubEvents.InputUpdate));
    }

    [Fact]
    public async Task A_flood_of_changes_is_cut_at_the_message_budget_and_the_refused_ones_change_nothing()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        for (var change = 1; change <= 120; change++)
        {
            await ada.Connection.InvokeAsync(HubMethods.InputChange, new { sessionId = id, input = $"change {change}" });
        }

        var refused = await ada.EventAsync(HubEvents.Error, e => e.Str("code") == ErrorCodes.RateLimitExceeded);
        Assert.True(refused.GetProperty("details").TryGetProperty("retryAfter", out _));
        await using var cid = await fixture.ConnectAsync("Cid");
        var kept = (await cid.JoinAsync(id)).Str("input");
        await bob.EventAsync(HubEvents.InputUpdate, u => u.Str("input") == kept);
        var accepted = bob.All(HubEvents.InputUpdate).Select(u => u.Str("input")).ToList();
        Assert.InRange(accepted.Count, 1, 99); // ada's join spent one message of the hundred
        Assert.Equal(Enumerable.Range(1, accepted.Count).Select(n => $"change {n}"), accepted); // in order, none past the budget
    }

    [Fact]
    public async Task A_change_for_a_session_the_connection_is_not_in_is_refused()
    {
        var id = await fixture.CreateSessionAsync();
        var other = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await ada.JoinAsync(id);

        var error = await ada.ErrorFromAsync(HubMethods.InputChange, new { sessionId = other, input = "not mine" });

        Assert.Equal((ErrorCodes.InvalidSession, "Join the session before changing it"), (error.Str("code"), error.Str("message")));
        await using var bob = await fixture.ConnectAsync("Bob");
        Assert.Equal(string.Empty, (await bob.JoinAsync(other)).Str("input"));
    }

    [Fact]
    public async Task A_run_says_which_input_it_read_and_the_recording_keeps_both()
    {
        var (id, key) = await fixture.CreateInterviewAsync("python");
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);

        await ada.Connection.InvokeAsync(HubMethods.InputChange, new { sessionId = id, input = "5\n" });
        await bob.EventAsync(HubEvents.InputUpdate);
        await ada.Connection.InvokeAsync<bool>(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = true, output = "25", executionTime = 3, input = "5\n" });
        var tooLong = await ada.ErrorFromAsync(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = true, output = "", executionTime = 3, input = new string('1', 10 * 1024 + 1) });
        var notText = await ada.ErrorFromAsync(HubMethods.ExecutionResult, new { sessionId = id, language = "python", success = true, output = "", executionTime = 3, input = 5 });

        var seen = await bob.EventAsync(HubEvents.ExecutionResult);
        Assert.Equal(("25", "5\n"), (seen.Str("output"), seen.Str("input")));
        Assert.Equal(("input", "input"), (tooLong.GetProperty("details").Str("field"), notText.GetProperty("details").Str("field")));
        var events = await _recording.EventsAsync(id, key);
        var input = Assert.Single(events, e => e.Str("type") == "input");
        Assert.Equal(["at", "input", "type", "userId"], Json.Keys(input));
        Assert.Equal(("5\n", ada.UserId), (input.Str("input"), input.Str("userId")));
        var run = Assert.Single(events, e => e.Str("type") == "run");
        Assert.Equal("5\n", run.Str("input"));
        Assert.Equal(1, bob.Count(HubEvents.ExecutionResult));
    }
}
