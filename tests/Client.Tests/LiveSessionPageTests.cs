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
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

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
        page.WaitForAssertion(() => Assert.Equal("This session has ended", page.Find("h1").TextContent), Patience);
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

        private HubParticipant(HubConnection hub) => Hub = hub;

        public HubConnection Hub { get; }
        public string UserId { get; } = Guid.NewGuid().ToString();

        public static async Task<HubParticipant> JoinAsync(Uri baseAddress, string sessionId, string name)
        {
            var participant = new HubParticipant(new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "hub")).Build());
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
