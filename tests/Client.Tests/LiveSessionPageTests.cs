using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Interview.Client.Components;
using Interview.Client.Pages;
using Interview.Client.Services;
using Interview.Client.Editing;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Gateway.Hubs;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

public sealed class LiveGatewayFixture : IAsyncLifetime
{
    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await TestGateway.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>The session page, rendered by bUnit, talking to a real gateway while another participant uses the hub directly.</summary>
public class LiveSessionPageTests : BunitContext, IClassFixture<LiveGatewayFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly LiveGatewayFixture _live;
    private readonly HttpClient _http;
    private readonly string _adaId = Guid.NewGuid().ToString();
    private readonly FakeEditorHost _host = new();
    private readonly FakeCodeRunner _runner = new();

    public LiveSessionPageTests(LiveGatewayFixture live)
    {
        _live = live;
        _http = new HttpClient { BaseAddress = live.Gateway.BaseAddress };
        Services.AddSingleton(new SessionApi(_http));
        Services.AddSingleton<LocalIdentity>();
        Services.AddSingleton(new SessionConnection(new Uri(live.Gateway.BaseAddress, "hub")));
        Services.AddSingleton<IEditorHost>(_host);
        Services.AddFakeRunning(_runner);
        Services.AddSingleton<Interview.Client.Activity.IActivityHost>(new FakeActivityHost());
        Services.AddTransient<Interview.Client.Sessions.LiveSession>();
        JSInterop.Mode = JSRuntimeMode.Loose; // Monaco's calls; the editor is driven through its component
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult(_adaId);
        JSInterop.Setup<string?>("localStorage.getItem", "interview.username").SetResult("Ada");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public async Task The_page_joins_and_follows_everything_that_happens_in_the_session()
    {
        var id = await CreateSessionAsync();
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience);
        Assert.Equal("Connected", page.Find(".connection-status .label").TextContent);
        var editor = page.FindComponent<CodeEditor>();
        Assert.StartsWith("// Write your JavaScript", editor.Instance.InitialCode, StringComparison.Ordinal);
        await page.InvokeAsync(() => editor.Instance.OnReady.InvokeAsync()); // Monaco is up (it cannot run here)
        Assert.Equal(editor.Instance.InitialCode, _host.View.Text);

        await using var bob = await HubParticipant.JoinAsync(_live.Gateway.BaseAddress, id, "Bob");
        page.WaitForAssertion(() => Assert.Equal(["Ada", "Bob"], Names(page)), Patience);

        await bob.Hub.InvokeAsync(HubMethods.CodeChange, new { sessionId = id, code = "from bob", language = "javascript", userId = bob.UserId });
        // A remote edit goes into the editor without re-rendering the page, so poll rather than wait for a render.
        await Eventually.HoldsAsync(() => _host.View.Text == "from bob", "Bob's edit reaches Ada's editor");

        await bob.Hub.InvokeAsync(HubMethods.LanguageChange, new { sessionId = id, language = "python", userId = bob.UserId });
        page.WaitForAssertion(() => Assert.Equal("python", page.Find("#language").GetAttribute("value")), Patience);
        Assert.Equal("python", editor.Instance.Language);

        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "ada ")));
        await Eventually.HoldsAsync(() => bob.Received(HubEvents.CodeUpdate).Any(u => u.GetProperty("code").GetString() == "ada from bob"), "Bob receives Ada's edit");

        await page.InvokeAsync(() => _host.SelectionChanged!([new SelectionRange(0, 3)]));
        await bob.Hub.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = bob.UserId, username = "Bob", protocol = "ot" });
        await page.InvokeAsync(() => _host.SelectionChanged!([new SelectionRange(1, 1)]));
        await Eventually.HoldsAsync(() => bob.Received(OtProtocol.CursorUpdate).Any(), "Bob, now speaking ot, sees Ada's cursor");

        page.Find("#language").Change("javascript");
        await Eventually.HoldsAsync(() => bob.Received(HubEvents.LanguageUpdate).Any(u => u.GetProperty("language").GetString() == "javascript"), "Bob hears the language change");

        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, new string('x', 100 * 1024))));
        page.WaitForAssertion(() => Assert.Contains("100 KB", page.Find(".notice").TextContent, StringComparison.Ordinal), Patience);

        await bob.DisposeAsync();
        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience);

        _live.Gateway.Clock.Advance(TimeSpan.FromHours(4));
        page.WaitForAssertion(() => Assert.Equal("This interview has ended.", page.Find(".banner-title").TextContent), Patience);
        Assert.Equal("ada from bob", _host.View.Text); // still on screen
    }

    [Fact]
    public async Task A_refused_edit_is_said_in_words_and_the_typing_after_it_reaches_the_others()
    {
        // One edit a minute on a clock of the test's: Ada's paste waits on it, made against a text that
        // Bob then replaces, so the session (not the page, where it fits) finds the two over 100 KB.
        var pacing = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Services.AddSingleton(new SessionConnection(new Uri(_live.Gateway.BaseAddress, "hub"), new SendPacing(100, 2, pacing)));
        var id = await CreateSessionAsync();
        var page = await OpenAsync(id);
        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "x"))); // the minute's one edit
        await Eventually.HoldsAsync(() => _host.Editor!.Synchronized, "the first edit is applied");
        await using var bob = await HubParticipant.JoinAsync(_live.Gateway.BaseAddress, id, "Bob");

        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, new string('a', 60 * 1024))));
        var bobs = new string('b', 60 * 1024);
        await bob.Hub.InvokeAsync(HubMethods.CodeChange, new { sessionId = id, code = bobs, language = "javascript", userId = bob.UserId });
        await Eventually.HoldsAsync(() => _host.View.Text.Contains(bobs, StringComparison.Ordinal), "Bob's text reaches Ada, her paste still waiting");
        pacing.Advance(TimeSpan.FromMinutes(1)); // the paste goes, against the revision before Bob's

        page.WaitForAssertion(() => Assert.Equal(
            "The code would exceed the 100 KB limit. Your change was not applied and has been taken out of the editor.",
            page.Find(".notice .notice-text").TextContent), Patience);
        await Eventually.HoldsAsync(() => _host.View.Text == bobs, "Ada's editor shows the session's text");
        Assert.Equal("Connected", page.Find(".connection-status .label").TextContent);

        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "after ")));
        pacing.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(
            () => bob.Received(HubEvents.CodeUpdate).Any(u => u.GetProperty("code").GetString() == "after " + bobs), "Bob receives what Ada typed after the refusal");
        await Eventually.HoldsAsync(() => _host.Editor!.Synchronized, "Ada's edit is acknowledged");
        Assert.Equal("after " + bobs, _host.Editor!.Text);

        page.Find(".notice-close").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".notice")), Patience);
    }

    [Fact]
    public async Task The_page_keeps_the_token_it_was_given_and_sends_it_when_it_joins_again()
    {
        var id = await CreateSessionAsync();
        var page = await OpenAsync(id);
        var stored = JSInterop.Invocations.Single(i => i.Identifier == "localStorage.setItem" && (string?)i.Arguments[0] == $"interview.userToken.{id}");
        var token = (string)stored.Arguments[1]!;
        Assert.True(Interview.Shared.Validation.UserTokens.IsWellFormed(token));

        // Someone naming Ada's id without it is refused; the page (holding it) joins again as Ada.
        await using var mallory = await HubParticipant.JoinAsync(_live.Gateway.BaseAddress, id, "Mallory", userId: _adaId);
        var connection = Services.GetRequiredService<SessionConnection>();
        Assert.Equal(token, connection.UserToken);
        await connection.ResyncAsync();
        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience);
        Assert.Empty(page.FindAll(".notice"));
    }

    [Fact]
    public async Task A_page_whose_identity_someone_else_holds_joins_as_a_new_participant_and_says_so()
    {
        var id = await CreateSessionAsync();
        await using var mallory = await HubParticipant.JoinAsync(_live.Gateway.BaseAddress, id, "Mallory", userId: _adaId); // took the id while Ada was away
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

        // The page looks for a token another tab of its browser may have been given, a second apart, then gives up.
        for (var look = 0; look < 10 && page.FindAll(".participant .name").Count < 2; look++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".participant .name").Count), TimeSpan.FromSeconds(1));
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
            }
        }

        page.WaitForAssertion(() => Assert.Equal(["Mallory", "Ada"], Names(page)), Patience);
        Assert.Contains("joined as a new participant", page.Find(".notice .notice-text").TextContent, StringComparison.Ordinal);
        Assert.NotEqual(_adaId, Services.GetRequiredService<SessionConnection>().UserId);
    }

    [Fact]
    public async Task A_session_that_expires_while_open_keeps_the_code_on_screen_read_only_with_copy_and_download()
    {
        var id = await CreateSessionAsync();
        var page = await OpenAsync(id);
        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "mine\n")));
        await Eventually.HoldsAsync(() => _host.Editor!.Synchronized, "the edit is applied");
        var code = _host.View.Text;

        _live.Gateway.Clock.Advance(TimeSpan.FromHours(4));

        page.WaitForAssertion(() => Assert.Equal("This interview has ended.", page.Find(".banner-title").TextContent), Patience);
        Assert.True(page.FindComponent<CodeEditor>().Instance.ReadOnly);
        Assert.Equal(code, _host.View.Text);
        Assert.Empty(page.FindAll(".connection-status"));
        Assert.Empty(page.FindAll("h1")); // not the page for a link that never worked
        page.Find(".banner.gone .copy-code").Click();
        page.Find(".banner.gone .download-code").Click();
        // Clicks are handled on the renderer's dispatcher, which the hub's events share: wait for them.
        page.WaitForAssertion(() => Assert.Equal([code], JSInterop.Invocations["navigator.clipboard.writeText"].Single().Arguments), Patience);
        page.WaitForAssertion(() => Assert.Equal([$"interview-{id[..8]}.js", code], JSInterop.Invocations["interview.download"].Single().Arguments), Patience);
    }

    [Fact]
    public async Task Warnings_come_on_joining_near_the_end_and_before_it()
    {
        var id = await CreateSessionAsync();
        var page = await OpenAsync(id);
        Assert.Empty(page.FindAll(".banner.expiring")); // four hours to go
        var hub = _live.Gateway.Services.GetRequiredService<IHubContext<SessionHub>>();

        // session-joined with eight minutes left, as the gateway sends expiresAt to a (re)joining tab: here
        // the catch-up of a rejoin that missed nothing.
        var end = Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(8); // the page's clock
        var users = new[] { new ParticipantInfo(_adaId, "Ada", "#e06c75") };
        await hub.Clients.All.SendAsync(HubEvents.SessionJoined, new SessionJoined(id, _host.Editor!.Text, "javascript", users, 1, _host.Editor.Revision, [], end));
        page.WaitForAssertion(() => Assert.Equal(ExpiryWarning.Message(8, end), page.Find(".banner.expiring .banner-text").TextContent), Patience);
        Assert.Contains("ends in 8 minutes, at ", page.Find(".banner.expiring").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find(".banner.expiring .copy-code"));
        Assert.NotNull(page.Find(".banner.expiring .download-code"));
        page.Find(".banner.expiring .notice-close").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".banner.expiring")), Patience); // the click is handled on the renderer's dispatcher

        // The server's session-expiring one minute before MAX_SESSION_DURATION: a new warning, shown again.
        await hub.Clients.All.SendAsync(HubEvents.SessionExpiring, new SessionExpiring(id, end, 1));
        page.WaitForAssertion(() => Assert.Equal(ExpiryWarning.Message(1, end), page.Find(".banner.expiring .banner-text").TextContent), Patience);
        Assert.Contains("ends in 1 minute, at ", page.Find(".banner.expiring").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_lost_by_a_restarted_server_keeps_the_code_on_screen_after_the_reconnect()
    {
        var port = TestEnvironment.FreePort();
        var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        Services.AddSingleton(new SessionApi(http));
        Services.AddSingleton(new SessionConnection(new Uri(gateway.BaseAddress, "hub")));
        var id = (await (await http.PostAsJsonAsync("/api/sessions/create", new { language = "python" })).Content.ReadFromJsonAsync<CreateSessionResponse>())!.SessionId;
        var page = await OpenAsync(id);
        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "kept = 1\n")));
        await Eventually.HoldsAsync(() => _host.Editor!.Synchronized, "the edit is applied");

        await gateway.DisposeAsync();
        page.WaitForAssertion(() => Assert.Equal("Reconnecting…", page.Find(".connection-status .label").TextContent), Patience);
        await using var restarted = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}"); // an empty memory

        page.WaitForAssertion(() => Assert.Equal("This session no longer exists.", page.Find(".banner-title").TextContent), Patience);
        Assert.StartsWith("kept = 1\n# Write your Python", _host.View.Text, StringComparison.Ordinal);
        Assert.True(page.FindComponent<CodeEditor>().Instance.ReadOnly);
        Assert.NotNull(page.Find(".banner.gone .download-code"));
    }

    [Fact]
    public async Task Runs_are_shared_both_ways()
    {
        var id = await CreateSessionAsync();
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience);
        await using var bob = await HubParticipant.JoinAsync(_live.Gateway.BaseAddress, id, "Bob");
        page.WaitForAssertion(() => Assert.Equal(["Ada", "Bob"], Names(page)), Patience);
        _runner.Answer = (language, code) => new ExecutionResult(language, true, "2", null, 4, ["Hello"]);

        page.Find("#run-button").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find(".run-output").TextContent), Patience);
        Assert.StartsWith("// Write your JavaScript", _runner.Runs.Single().Code, StringComparison.Ordinal); // what the editor shows
        await Eventually.HoldsAsync(() => bob.Received(HubEvents.ExecutionResult).Any(), "Bob sees Ada's run");
        var seen = bob.Received(HubEvents.ExecutionResult).Single();
        Assert.Equal(("Ada", "2", "Hello"), (seen.GetProperty("username").GetString(), seen.GetProperty("output").GetString(), seen.GetProperty("logs")[0].GetString()));

        await bob.Hub.InvokeAsync<bool>(HubMethods.ExecutionResult, new
        {
            sessionId = id, language = "python", success = false, output = "", error = "NameError: name 'x' is not defined", executionTime = 7, line = 1,
        });
        page.WaitForAssertion(() => Assert.Equal("Bob", page.Find(".run-by").TextContent), Patience);
        Assert.Equal("NameError: name 'x' is not defined", page.Find(".run-error").TextContent);
    }

    [Fact]
    public async Task The_theme_switches_between_dark_and_light()
    {
        var id = await CreateSessionAsync();
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        page.WaitForElement("#theme-toggle", Patience);
        Assert.Contains("dark", page.Find(".workspace").ClassList);

        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience); // joined: the editor is there

        page.Find("#theme-toggle").Click();

        page.WaitForAssertion(() => Assert.Contains("light", page.Find(".workspace").ClassList), Patience);
        Assert.Equal("Dark theme", page.Find("#theme-toggle").TextContent);
        Assert.Equal(EditorThemes.Light, page.FindComponent<CodeEditor>().Instance.Theme);
    }

    [Fact]
    public async Task Leaving_the_page_unbinds_its_editor_from_the_editor_on_screen()
    {
        var id = await CreateSessionAsync();
        await OpenAsync(id);
        var editor = _host.Editor!;
        Assert.Empty(_host.Detached);

        await DisposeComponentsAsync();

        Assert.Equal([editor], _host.Detached);
    }

    /// <summary>Renders the page, waits for its join, and binds the editor (Monaco is up; it cannot run here).</summary>
    private async Task<IRenderedComponent<Session>> OpenAsync(string id)
    {
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        page.WaitForAssertion(() => Assert.Equal(["Ada"], Names(page)), Patience);
        await page.InvokeAsync(() => page.FindComponent<CodeEditor>().Instance.OnReady.InvokeAsync());
        return page;
    }

    private async Task<string> CreateSessionAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/sessions/create", new { language = "javascript" });
        return (await response.Content.ReadFromJsonAsync<CreateSessionResponse>())!.SessionId;
    }

    private static string[] Names(IRenderedComponent<Session> page) => [.. page.FindAll(".participant .name").Select(n => n.TextContent)];

    /// <summary>The other participant: a bare hub connection.</summary>
    private sealed class HubParticipant : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _received = new();

        private HubParticipant(HubConnection hub, string userId) => (Hub, UserId) = (hub, userId);

        public HubConnection Hub { get; }
        public string UserId { get; }

        public static async Task<HubParticipant> JoinAsync(Uri baseAddress, string sessionId, string name, string? userId = null)
        {
            var participant = new HubParticipant(new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "hub")).Build(), userId ?? Guid.NewGuid().ToString());
            foreach (var eventName in new[] { HubEvents.CodeUpdate, HubEvents.LanguageUpdate, OtProtocol.CursorUpdate, HubEvents.ExecutionResult })
            {
                participant.Hub.On<JsonElement>(eventName, payload => participant._received.Enqueue((eventName, payload)));
            }

            await participant.Hub.StartAsync();
            await participant.Hub.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = participant.UserId, username = name });
            return participant;
        }

        public IEnumerable<JsonElement> Received(string name) => _received.Where(e => e.Name == name).Select(e => e.Payload);

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }
}
