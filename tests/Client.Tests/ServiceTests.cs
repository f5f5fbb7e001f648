using System.Net;
using Bunit;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;

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

public class ReconnectPolicyTests
{
    [Fact]
    public void Five_quick_tries_a_second_apart_then_growing_pauses_up_to_30_s_and_never_giving_up()
    {
        var slow = 0;
        var policy = new ReconnectPolicy(() => slow++);
        TimeSpan? Next(long previous) => policy.NextRetryDelay(new RetryContext { PreviousRetryCount = previous });

        Assert.Equal([1, 1, 1, 1, 1, 2, 4, 8, 16, 30, 30], Enumerable.Range(0, 11).Select(n => Next(n)!.Value.TotalSeconds));
        Assert.Equal(6, slow); // from the sixth try on, the page says Offline
        Assert.All(new long[] { 100, 10_000, int.MaxValue, long.MaxValue }, previous => Assert.Equal(TimeSpan.FromSeconds(30), Next(previous)));
    }
}

public class SubmitAnswerTests
{
    [Theory]
    [InlineData(ErrorCodes.InvalidPayload, SubmitAnswerKind.Refused)]
    [InlineData(ErrorCodes.ResyncRequired, SubmitAnswerKind.Resync)]
    [InlineData(ErrorCodes.SessionExpired, SubmitAnswerKind.Gone)]
    [InlineData(ErrorCodes.SessionNotFound, SubmitAnswerKind.Gone)]
    [InlineData(ErrorCodes.ConnectionError, SubmitAnswerKind.Undelivered)]
    [InlineData(ErrorCodes.RateLimitExceeded, SubmitAnswerKind.Undelivered)]
    [InlineData(ErrorCodes.InvalidSession, SubmitAnswerKind.Undelivered)]
    public void A_null_result_means_what_its_error_says(string code, SubmitAnswerKind kind)
    {
        var answer = SubmitAnswer.For(new ErrorPayload("The code would exceed the 100 KB limit", code));

        Assert.Equal(kind, answer.Kind);
        Assert.Equal(kind == SubmitAnswerKind.Refused ? "The code would exceed the 100 KB limit" : null, answer.Message);
    }

    [Fact]
    public void An_answer_with_a_revision_is_created_and_one_with_an_error_means_what_the_error_says()
    {
        Assert.Equal(SubmitAnswer.Created(7), SubmitAnswer.Of(new SubmitResult(7)));
        Assert.Equal(SubmitAnswerKind.Gone, SubmitAnswer.Of(new SubmitResult(Error: new ErrorPayload("Session not found", ErrorCodes.SessionNotFound))).Kind);
        Assert.Equal(SubmitAnswer.Refused("too big"), SubmitAnswer.Of(new SubmitResult(Error: new ErrorPayload("too big", ErrorCodes.InvalidPayload))));
        Assert.Equal(SubmitAnswerKind.Undelivered, SubmitAnswer.Of(null).Kind); // no answer at all: sent again
    }

    [Fact]
    public void A_refused_invocations_answer_carries_its_error_as_sent()
    {
        var answer = System.Text.Json.JsonDocument.Parse("""{"error":{"message":"m","code":"INVALID_PAYLOAD","details":{"field":"seq"}}}""").RootElement;

        var error = SubmitAnswer.RefusalOf(answer);

        Assert.Equal(("m", ErrorCodes.InvalidPayload, "seq"), (error?.Message, error?.Code, error?.Details?["field"]));
        Assert.Null(SubmitAnswer.RefusalOf(System.Text.Json.JsonDocument.Parse("true").RootElement));
        Assert.Null(SubmitAnswer.RefusalOf(System.Text.Json.JsonDocument.Parse("null").RootElement));
        Assert.Null(SubmitAnswer.RefusalOf(System.Text.Json.JsonDocument.Parse("""{"revision":3}""").RootElement));
    }

    [Fact]
    public void A_null_result_without_an_error_is_sent_again() =>
        Assert.Equal(SubmitAnswerKind.Undelivered, SubmitAnswer.For(null).Kind);
}
