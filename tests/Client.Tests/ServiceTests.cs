using System.Net;
using Bunit;
using Interview.Client.Services;
using Interview.Shared.Validation;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Client.Tests;

public class SessionApiTests
{
    [Fact]
    public async Task Lookup_tells_found_not_found_expired_and_invalid_apart()
    {
        var api = new FakeApi()
            .Answer("/api/sessions/a", HttpStatusCode.OK, """{"sessionId":"a","createdAt":"2024-01-15T10:30:00.000Z","lastActivity":"2024-01-15T10:35:00.000Z","language":"python","userCount":2,"exists":true}""")
            .Answer("/api/sessions/b", HttpStatusCode.NotFound, """{"error":"Session not found","sessionId":"b"}""")
            .Answer("/api/sessions/c", HttpStatusCode.NotFound, """{"error":"Session expired","sessionId":"c","code":"SESSION_EXPIRED"}""")
            .Answer("/api/sessions/d", HttpStatusCode.BadRequest, """{"error":"Invalid session ID","sessionId":"d"}""");
        var sessions = new SessionApi(api.Client());

        var found = await sessions.LookupAsync("a");
        Assert.Equal((SessionLookupStatus.Found, "python", 2), (found.Status, found.Details!.Language, found.Details.UserCount));
        Assert.Equal(SessionLookupStatus.NotFound, (await sessions.LookupAsync("b")).Status);
        Assert.Equal(SessionLookupStatus.Expired, (await sessions.LookupAsync("c")).Status);
        Assert.Equal(SessionLookupStatus.Invalid, (await sessions.LookupAsync("d")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => sessions.LookupAsync("e")); // 500
    }
}

public class LocalIdentityTests : BunitContext
{
    [Fact]
    public async Task Keeps_the_stored_user_id_and_cleans_names()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult("550e8400-e29b-41d4-a716-446655440000");
        JSInterop.Setup<string?>("localStorage.getItem", "interview.username").SetResult("  Ada\u0007 ");
        JSInterop.SetupVoid("localStorage.setItem", _ => true).SetVoidResult();
        var identity = new LocalIdentity(JSInterop.JSRuntime);

        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", await identity.GetUserIdAsync());
        Assert.Equal("Ada", await identity.GetNameAsync());
        Assert.Equal("Bob", await identity.SetNameAsync(" Bob\n"));
    }

    [Fact]
    public async Task Replaces_a_missing_or_corrupt_user_id()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult("not a uuid");
        var stored = JSInterop.SetupVoid("localStorage.setItem", _ => true);
        stored.SetVoidResult();

        var id = await new LocalIdentity(JSInterop.JSRuntime).GetUserIdAsync();

        Assert.True(SessionIds.IsUuid(id));
        Assert.Equal(["interview.userId", id], stored.Invocations.Single().Arguments);
    }
}

public class SpecRetryPolicyTests
{
    [Fact]
    public void Retries_every_second_five_times_then_gives_up()
    {
        var policy = new SpecRetryPolicy();
        TimeSpan? Next(int previous) => policy.NextRetryDelay(new RetryContext { PreviousRetryCount = previous });

        Assert.All(Enumerable.Range(0, 5), attempt => Assert.Equal(TimeSpan.FromSeconds(1), Next(attempt)));
        Assert.Null(Next(5));
    }
}

public class TextEditTests
{
    [Theory]
    [InlineData("hello world", "hello brave world", 6, 0, "brave ")]
    [InlineData("abc", "abc", 3, 0, "")]
    [InlineData("abc", "", 0, 3, "")]
    [InlineData("", "xyz", 0, 0, "xyz")]
    [InlineData("aaa", "aaaa", 3, 0, "a")]
    [InlineData("line1\nline2", "line0\nline1\nline2", 4, 0, "0\nline")]
    public void Replaces_only_what_differs(string before, string after, int start, int delete, string insert)
    {
        var edit = TextEdit.Between(before, after);
        Assert.Equal(new TextEdit(start, delete, insert), edit);
        Assert.Equal(after, edit.ApplyTo(before));
    }

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var edit = TextEdit.Between("a😀b", "a😃b"); // same high surrogate, different low one
        Assert.Equal(new TextEdit(1, 2, "😃"), edit);
    }

    [Fact]
    public void Turns_any_text_into_any_other()
    {
        var random = new Random(1234);
        string Text() => new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => "ab\n😀é"[random.Next(0, 5)]).ToArray());
        for (var i = 0; i < 5000; i++)
        {
            var (before, after) = (Text(), Text());
            var edit = TextEdit.Between(before, after);
            Assert.Equal(after, edit.ApplyTo(before));
            Assert.True(edit.Start + edit.DeleteLength <= before.Length);
        }
    }
}

public class TextPositionTests
{
    [Theory]
    [InlineData("abc", 0, 1, 1)]
    [InlineData("abc", 3, 1, 4)]
    [InlineData("ab\ncd", 3, 2, 1)]
    [InlineData("ab\ncd", 2, 1, 3)]
    [InlineData("ab\n\ncd\n", 7, 4, 1)]
    public void Maps_offsets_to_Monacos_lines_and_columns(string text, int offset, int line, int column) =>
        Assert.Equal(new TextPosition(line, column), TextPosition.At(text, offset));
}
