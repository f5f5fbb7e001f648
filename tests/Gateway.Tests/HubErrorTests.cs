using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.AspNetCore.SignalR.Client;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace Interview.Gateway.Tests;

/// <summary>Every hub error: a clear error event, nothing stored changes, and the connection stays usable.</summary>
[Collection(GatewayCollection.Name)]
public class HubErrorTests(GatewayFixture fixture)
{
    private static readonly string UserId = Guid.NewGuid().ToString();

    public static TheoryData<string, string, string?> BadJoins => new()
    {
        { """{"sessionId":"invalid-id","userId":"USER"}""", "INVALID_SESSION", null },
        { """{"sessionId":"550e8400-e29b-11d4-a716-446655440000","userId":"USER"}""", "INVALID_SESSION", null },
        { """{"sessionId":"550e8400-e29b-41d4-a716-446655440000","userId":"USER"}""", "SESSION_NOT_FOUND", null },
        { """{"userId":"USER"}""", "INVALID_PAYLOAD", "sessionId" },
        { """{"sessionId":42,"userId":"USER"}""", "INVALID_PAYLOAD", "sessionId" },
        { """{"sessionId":"SESSION"}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"SESSION","userId":null}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"SESSION","userId":"user-123"}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"SESSION","userId":{"id":1}}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"SESSION","userId":"USER","username":7}""", "INVALID_PAYLOAD", "username" },
        { "\"just a string\"", "INVALID_PAYLOAD", null },
        { "[1,2,3]", "INVALID_PAYLOAD", null },
        { "null", "INVALID_PAYLOAD", null },
    };

    [Theory]
    [MemberData(nameof(BadJoins))]
    public async Task A_bad_join_gets_its_error_and_the_connection_stays_usable(string payload, string code, string? field)
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync();

        var error = await ada.ErrorFromAsync(HubMethods.JoinSession, Parse(payload, id));

        Assert.Equal(code, error.Str("code"));
        Assert.NotEmpty(error.Str("message"));
        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("details").Str("field"));
        }

        Assert.Equal(0, ada.Count(HubEvents.SessionJoined));
        Assert.Equal(1, (await ada.JoinAsync(id)).Int("userCount")); // still usable
    }

    public static TheoryData<string, string, string?> BadCodeChanges => new()
    {
        { """{"sessionId":"SESSION","code":42,"language":"javascript","userId":"USER"}""", "INVALID_PAYLOAD", "code" },
        { """{"sessionId":"SESSION","language":"javascript","userId":"USER"}""", "INVALID_PAYLOAD", "code" },
        { """{"sessionId":"SESSION","code":"x","language":"ruby","userId":"USER"}""", "INVALID_PAYLOAD", "language" },
        { """{"sessionId":"SESSION","code":"x","userId":"USER"}""", "INVALID_PAYLOAD", "language" },
        { """{"sessionId":"SESSION","code":"x","language":"javascript"}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"SESSION","code":"x","language":"javascript","userId":"OTHER"}""", "INVALID_PAYLOAD", "userId" },
        { """{"sessionId":"not-a-uuid","code":"x","language":"javascript","userId":"USER"}""", "INVALID_SESSION", null },
        { """{"sessionId":"550e8400-e29b-41d4-a716-446655440000","code":"x","language":"javascript","userId":"USER"}""", "SESSION_NOT_FOUND", null },
        { "42", "INVALID_PAYLOAD", null },
    };

    [Theory]
    [MemberData(nameof(BadCodeChanges))]
    public async Task A_bad_code_change_changes_nothing(string payload, string code, string? field)
    {
        var (id, ada, bob) = await TwoInSessionAsync();
        await using var _ = ada;
        await using var __ = bob;
        await ada.ChangeCodeAsync(id, "stored");
        await bob.EventAsync(HubEvents.CodeUpdate);

        var error = await ada.ErrorFromAsync(HubMethods.CodeChange, Parse(payload, id));

        Assert.Equal(code, error.Str("code"));
        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("details").Str("field"));
        }

        await AssertStoredCodeAsync(id, "stored");
        await ada.ChangeCodeAsync(id, "still usable");
        await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "still usable");
        Assert.Equal(2, bob.Count(HubEvents.CodeUpdate)); // the bad one never reached Bob
    }

    [Fact]
    public async Task Code_over_100_KB_is_refused_and_exactly_100_KB_is_accepted()
    {
        var (id, ada, bob) = await TwoInSessionAsync();
        await using var _ = ada;
        await using var __ = bob;
        await ada.ChangeCodeAsync(id, "stored");

        var tooBig = string.Concat(Enumerable.Repeat("é", Limits.MaxCodeBytes / 2)) + "x"; // 102,401 UTF-8 bytes
        var error = await ada.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = tooBig, language = "javascript", userId = ada.UserId });

        Assert.Equal(("INVALID_PAYLOAD", "code"), (error.Str("code"), error.GetProperty("details").Str("field")));
        await AssertStoredCodeAsync(id, "stored");
        var largest = new string('x', Limits.MaxCodeBytes);
        await ada.ChangeCodeAsync(id, largest);
        Assert.Equal(largest, (await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code").Length > 100)).Str("code"));
    }

    [Fact]
    public async Task A_code_change_before_joining_is_refused()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync();

        var error = await ada.ErrorFromAsync(HubMethods.CodeChange, new { sessionId = id, code = "x", language = "javascript", userId = ada.UserId });

        Assert.Equal("INVALID_SESSION", error.Str("code"));
        await AssertStoredCodeAsync(id, Languages.Template("javascript"));
    }

    [Theory]
    [InlineData("""{"sessionId":"SESSION","language":"ruby","userId":"USER"}""", "INVALID_PAYLOAD")]
    [InlineData("""{"sessionId":"SESSION","language":5,"userId":"USER"}""", "INVALID_PAYLOAD")]
    [InlineData("""{"sessionId":"SESSION","userId":"USER"}""", "INVALID_PAYLOAD")]
    [InlineData("""{"sessionId":"SESSION","language":"python","userId":"OTHER"}""", "INVALID_PAYLOAD")]
    [InlineData("""{"sessionId":"bad","language":"python","userId":"USER"}""", "INVALID_SESSION")]
    [InlineData("""{"sessionId":"550e8400-e29b-41d4-a716-446655440000","language":"python","userId":"USER"}""", "SESSION_NOT_FOUND")]
    public async Task A_bad_language_change_changes_nothing(string payload, string code)
    {
        var (id, ada, bob) = await TwoInSessionAsync();
        await using var _ = ada;
        await using var __ = bob;

        var error = await ada.ErrorFromAsync(HubMethods.LanguageChange, Parse(payload, id));

        Assert.Equal(code, error.Str("code"));
        Assert.Equal("javascript", (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Str("language"));
        await ada.ChangeLanguageAsync(id, "python");
        await bob.EventAsync(HubEvents.LanguageUpdate);
        Assert.Single(bob.All(HubEvents.LanguageUpdate));
    }

    [Fact]
    public async Task Unknown_methods_and_missing_arguments_fail_the_call_but_not_the_connection()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync();

        await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync("drop-tables", new { sessionId = id }));
        await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(HubMethods.JoinSession));
        await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(HubMethods.JoinSession, 1, 2));

        Assert.Equal(1, (await ada.JoinAsync(id)).Int("userCount"));
    }

    [Fact]
    public async Task Usernames_are_cleaned_before_anyone_sees_them()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("  Ada\u0007\u0000 " + new string('!', 80));

        var joined = await ada.JoinAsync(id);

        var name = joined.GetProperty("users")[0].Str("username");
        Assert.StartsWith("Ada !", name, StringComparison.Ordinal);
        Assert.Equal(50, name.Length);
    }

    private async Task<(string Id, TestParticipant Ada, TestParticipant Bob)> TwoInSessionAsync()
    {
        var id = await fixture.CreateSessionAsync();
        var ada = await fixture.ConnectAsync("Ada", UserId);
        var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        return (id, ada, bob);
    }

    private async Task AssertStoredCodeAsync(string id, string expected)
    {
        await using var observer = await fixture.ConnectAsync("Observer");
        Assert.Equal(expected, (await observer.JoinAsync(id)).Str("currentCode"));
        await observer.Connection.StopAsync();
    }

    private static JsonElement Parse(string payload, string sessionId) =>
        JsonDocument.Parse(payload
            .Replace("SESSION", sessionId, StringComparison.Ordinal)
            .Replace("OTHER", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("USER", UserId, StringComparison.Ordinal)).RootElement;
}
