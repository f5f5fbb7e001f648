using System.Net;
using Bunit;
using Interview.Client.Pages;
using Interview.Client.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Client.Tests;

public class HomeTests : BunitContext
{
    private readonly FakeApi _api = new();

    public HomeTests()
    {
        Services.AddSingleton(new SessionApi(_api.Client()));
        Services.AddSingleton<LocalIdentity>();
        JSInterop.Mode = JSRuntimeMode.Loose; // localStorage
    }

    [Fact]
    public void Creating_a_session_shows_its_share_link_and_a_way_in()
    {
        _api.Answer("/api/sessions/create", HttpStatusCode.Created,
            """{"sessionId":"550e8400-e29b-41d4-a716-446655440000","createdAt":"2024-01-15T10:30:00.000Z","language":"python","shareUrl":"http://x/session/550e8400-e29b-41d4-a716-446655440000"}""");
        var home = Render<Home>();

        home.Find("select").Change("python");
        home.Find("form").Submit();

        home.WaitForElement("#share-url");
        Assert.Equal("http://x/session/550e8400-e29b-41d4-a716-446655440000", home.Find("#share-url").GetAttribute("value"));
        Assert.Equal("session/550e8400-e29b-41d4-a716-446655440000", home.Find("#open-session").GetAttribute("href"));
        Assert.Equal("""{"language":"python"}""", _api.Requests.Single().Body);
    }

    [Fact]
    public void Creating_keeps_the_interviewer_key_for_this_browser_and_shows_both_links_labelled()
    {
        const string key = "Abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE";
        _api.Answer("/api/sessions/create", HttpStatusCode.Created,
            $$"""{"sessionId":"550e8400-e29b-41d4-a716-446655440000","createdAt":"2024-01-15T10:30:00.000Z","language":"python","shareUrl":"http://x/session/550e8400-e29b-41d4-a716-446655440000","interviewerKey":"{{key}}","interviewerUrl":"http://x/session/550e8400-e29b-41d4-a716-446655440000#interviewer={{key}}"}""");
        var home = Render<Home>();

        home.Find("form").Submit();

        home.WaitForElement("#interviewer-url");
        var stored = JSInterop.Invocations["localStorage.setItem"].Single();
        Assert.Equal(["interview.interviewerKey.550e8400-e29b-41d4-a716-446655440000", key], stored.Arguments);
        Assert.Equal(["Candidate link — send this", "Interviewer link — keep private"], home.FindAll(".share-link label").Select(l => l.TextContent));
        Assert.Equal($"http://x/session/550e8400-e29b-41d4-a716-446655440000#interviewer={key}", home.Find("#interviewer-url").GetAttribute("value"));
        Assert.Equal("http://x/session/550e8400-e29b-41d4-a716-446655440000", home.Find("#share-url").GetAttribute("value"));
    }

    [Fact]
    public void A_failed_create_says_so()
    {
        var home = Render<Home>();

        home.Find("form").Submit();

        home.WaitForElement(".error");
        Assert.Empty(home.FindAll("#share-url"));
        Assert.False(home.Find("#create-session").HasAttribute("disabled"));
    }
}

public class SessionPageTests : BunitContext, IAsyncLifetime
{
    private const string Id = "550e8400-e29b-41d4-a716-446655440000";
    private readonly FakeApi _api = new();
    private readonly FakeCodeRunner _runner = new();

    public SessionPageTests()
    {
        Services.AddSingleton(new SessionApi(_api.Client()));
        Services.AddSingleton<LocalIdentity>();
        Services.AddSingleton(new SessionConnection(new Uri("http://interview.test/hub"))); // never reached by these tests
        Services.AddSingleton<Interview.Client.Editing.IEditorHost>(new FakeEditorHost());
        Services.AddFakeRunning(_runner);
        Services.AddSingleton<Interview.Client.Activity.IActivityHost>(new FakeActivityHost());
        Services.AddTransient<Interview.Client.Sessions.LiveSession>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The page's SessionConnection is only asynchronously disposable; xunit 2 calls this, not DisposeAsync.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void A_malformed_id_is_explained_without_asking_the_server()
    {
        var page = Render<Session>(p => p.Add(s => s.SessionId, "not-an-id"));

        Assert.Equal("This link is not valid", page.Find("h1").TextContent);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Leaving_the_session_page_ends_its_runners()
    {
        Render<Session>(p => p.Add(s => s.SessionId, "not-an-id"));

        await DisposeComponentsAsync();

        Assert.Equal(1, _runner.Resets);
    }

    [Fact]
    public void A_link_to_another_session_makes_a_new_page_and_the_old_ones_runners_end()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("session/not-an-id");
        var app = Render<App>();
        app.WaitForAssertion(() => Assert.Equal("This link is not valid", app.Find("h1").TextContent));
        var first = app.FindComponent<Session>().Instance;

        navigation.NavigateTo("session/another-bad-id");

        app.WaitForAssertion(() => Assert.NotSame(first, app.FindComponent<Session>().Instance));
        Assert.Equal("another-bad-id", app.FindComponent<Session>().Instance.SessionId);
        Assert.Equal(1, _runner.Resets);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"error":"Session not found","sessionId":"x"}""", "Session not found")]
    [InlineData(HttpStatusCode.NotFound, """{"error":"Session expired","sessionId":"x","code":"SESSION_EXPIRED"}""", "This session has ended")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"Invalid session ID","sessionId":"x"}""", "This link is not valid")]
    public void A_session_that_cannot_be_joined_gets_its_page(HttpStatusCode status, string body, string title)
    {
        _api.Answer($"/api/sessions/{Id}", status, body);

        var page = Render<Session>(p => p.Add(s => s.SessionId, Id));

        page.WaitForAssertion(() => Assert.Equal(title, page.Find("h1").TextContent));
    }

    [Fact]
    public void A_first_visit_asks_for_a_name_and_keeps_a_user_id()
    {
        _api.Answer($"/api/sessions/{Id}", HttpStatusCode.OK,
            $$"""{"sessionId":"{{Id}}","createdAt":"2024-01-15T10:30:00.000Z","lastActivity":"2024-01-15T10:30:00.000Z","language":"python","userCount":1,"exists":true}""");
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult(null);
        JSInterop.Setup<string?>("localStorage.getItem", "interview.username").SetResult(null);
        var stored = JSInterop.SetupVoid("localStorage.setItem", _ => true);
        stored.SetVoidResult();

        var page = Render<Session>(p => p.Add(s => s.SessionId, Id));

        page.WaitForElement("#display-name");
        var userId = (string)stored.Invocations.Single().Arguments[1]!;
        Assert.True(Interview.Shared.Validation.SessionIds.IsUuid(userId));
    }
}
