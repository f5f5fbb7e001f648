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
