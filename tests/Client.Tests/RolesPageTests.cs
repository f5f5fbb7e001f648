using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Interview.Client.Components;
using Interview.Client.Pages;
using Interview.Client.Services;
using Interview.Client.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;
using Interview.Gateway.Hubs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Client.Tests;

/// <summary>The session page by role, against a real gateway (docs/protocol.md, "Roles, notes, ending and activity").</summary>
public class RolesPageTests : BunitContext, IClassFixture<LiveGatewayFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly LiveGatewayFixture _live;
    private readonly HttpClient _http;
    private readonly FakeEditorHost _host = new();
    private readonly FakeActivityHost _activity = new();

    public RolesPageTests(LiveGatewayFixture live)
    {
        _live = live;
        _http = new HttpClient { BaseAddress = live.Gateway.BaseAddress };
        Services.AddSingleton(new SessionApi(_http));
        Services.AddSingleton<LocalIdentity>();
        Services.AddSingleton(new SessionConnection(new Uri(live.Gateway.BaseAddress, "hub")));
        Services.AddSingleton<Interview.Client.Editing.IEditorHost>(_host);
        Services.AddSingleton<Interview.Client.Activity.IActivityHost>(_activity);
        Services.AddFakeRunning(new FakeCodeRunner());
        Services.AddTransient<LiveSession>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult(Guid.NewGuid().ToString());
        JSInterop.Setup<string?>("localStorage.getItem", "interview.username").SetResult("Ada");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public async Task The_interviewer_s_page_has_the_notes_the_feed_the_end_and_both_links()
    {
        var (id, key) = await CreateAsync();
        StoredKey(id, key);
        await using var candidate = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Cleo");

        var page = await OpenAsync(id, "Cleo", "Ada");

        Assert.Equal(["candidate", "interviewer"], page.FindAll(".participant .role").Select(r => r.TextContent));
        Assert.Equal("Interviewer notes (only interviewers see these)", page.Find("#notes-title").TextContent);
        Assert.Equal("markdown", page.FindComponents<CodeEditor>().Single(e => e.Instance.Id == LiveSession.NotesEditorId).Instance.Language);
        Assert.NotNull(page.Find(".activity-feed"));
        Assert.NotNull(page.Find("#end-interview"));
        Assert.Empty(page.FindAll(".candidate-notice"));
        var labels = page.FindAll(".share-link label").Select(l => l.TextContent).ToList();
        Assert.Equal(["Candidate link — send this", "Interviewer link — keep private"], labels);
        var origin = Services.GetRequiredService<NavigationManager>().BaseUri.TrimEnd('/');
        Assert.Equal($"{origin}/session/{id}", page.Find("#share-url").GetAttribute("value"));
        Assert.Equal($"{origin}/session/{id}#interviewer={key}", page.Find("#interviewer-url").GetAttribute("value"));
    }

    [Fact]
    public async Task A_candidate_s_page_has_none_of_it_and_says_what_the_interviewer_sees()
    {
        var (id, _) = await CreateAsync();

        var page = await OpenAsync(id, "Ada");

        Assert.Equal("The interviewer sees when you paste text and when you leave this tab.", page.Find(".candidate-notice").TextContent);
        Assert.Empty(page.FindAll("#notes-title"));
        Assert.Empty(page.FindAll(".activity-feed"));
        Assert.Empty(page.FindAll("#end-interview"));
        Assert.Empty(page.FindAll("#interviewer-url"));
        Assert.Single(page.FindComponents<CodeEditor>());
        Assert.Equal("candidate", page.Find(".participant .role").TextContent);
    }

    [Fact]
    public async Task A_participant_whose_role_changes_is_listed_with_the_new_one_where_they_were()
    {
        var (id, key) = await CreateAsync();
        var bobId = Guid.NewGuid().ToString();
        await using var bob = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Bob", userId: bobId);
        var page = await OpenAsync(id, "Bob", "Ada");
        Assert.Equal(["candidate", "candidate"], page.FindAll(".participant .role").Select(r => r.TextContent));
        var token = bob.Received(HubEvents.SessionJoined).First().GetProperty("userToken").GetString();

        await bob.Hub.InvokeAsync(HubMethods.JoinSession, new
        {
            sessionId = id, userId = bobId, username = "Bob", protocol = "ot", clientId = "bob-tab", userToken = token, interviewerKey = key,
        });

        page.WaitForAssertion(() => Assert.Equal(["interviewer", "candidate"], page.FindAll(".participant .role").Select(r => r.TextContent)), Patience);
        Assert.Equal(["Bob", "Ada"], page.FindAll(".participant .name").Select(n => n.TextContent));
    }

    [Fact]
    public async Task Notes_go_between_interviewers_in_their_own_document_and_the_code_keeps_to_its_own()
    {
        var (id, key) = await CreateAsync();
        StoredKey(id, key);
        await using var bob = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Bob", key);
        await using var cleo = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Cleo");
        var page = await OpenAsync(id, "Bob", "Cleo", "Ada");
        await page.InvokeAsync(() => page.FindComponents<CodeEditor>().Single(e => e.Instance.Id == LiveSession.NotesEditorId).Instance.OnReady.InvokeAsync());
        var notesView = _host.ViewFor(LiveSession.NotesEditorId);
        var code = _host.View.Text;

        await page.InvokeAsync(() => notesView.Type(_host.EditorFor(LiveSession.NotesEditorId)!, new TextEdit(0, 0, "strong on tests")));
        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "// ")));

        await Eventually.HoldsAsync(() => bob.Received(OtProtocol.Operation).Count() == 2, "Bob receives the notes' and the code's operation");
        var operations = bob.Received(OtProtocol.Operation).ToList();
        var notes = operations.Single(o => o.TryGetProperty("document", out var d) && d.GetString() == Documents.Notes);
        var codes = operations.Single(o => !o.TryGetProperty("document", out _));
        Assert.Equal("strong on tests", notes.GetProperty("operation")[0].GetString());
        Assert.NotEqual(notes.GetProperty("seq").GetInt64(), codes.GetProperty("seq").GetInt64()); // one numbering over both
        await Eventually.HoldsAsync(() => cleo.Received(OtProtocol.Operation).Any(), "Cleo receives the code's operation");
        Assert.All(cleo.Received(OtProtocol.Operation), o => Assert.False(o.TryGetProperty("document", out _)));

        // Bob's notes edit reaches Ada's notes, not her code.
        var revision = notes.GetProperty("revision").GetInt64();
        await bob.Hub.InvokeAsync<JsonElement>(OtProtocol.SubmitOperation, new
        {
            sessionId = id, clientId = "bob-tab", seq = 1, revision, document = Documents.Notes,
            operation = new object[] { "Bob: ", "strong on tests".Length },
        });
        await Eventually.HoldsAsync(() => notesView.Text == "Bob: strong on tests", "Bob's notes reach Ada's notes");
        Assert.Equal("// " + code, _host.View.Text);
        Assert.DoesNotContain(cleo.All, e => e.Payload.ToString().Contains("strong on tests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_candidate_s_pastes_from_outside_and_absences_reach_the_interviewer_s_feed()
    {
        var (id, key) = await CreateAsync();
        await using var bob = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Bob", key);
        var page = await OpenAsync(id, "Bob", "Ada");
        var watched = _activity.Watched!;

        await page.InvokeAsync(() =>
        {
            watched.Copied("const own = 1;\n");
            watched.Pasted("const own = 1;\n"); // copied from this editor: not reported
            watched.Pasted("print('from elsewhere')\nprint(2)");
            watched.PresenceChanged(false);
            watched.PresenceChanged(false);
            watched.PresenceChanged(true);
        });

        await Eventually.HoldsAsync(() => bob.Received(HubEvents.ActivityUpdate).Count() >= 3, "Bob hears the paste, the blur and the focus");
        var updates = bob.Received(HubEvents.ActivityUpdate).ToList();
        Assert.Equal([ActivityKinds.Paste, ActivityKinds.Blur, ActivityKinds.Focus], updates.Select(u => u.GetProperty("kind").GetString()));
        Assert.Equal((32, 2), (updates[0].GetProperty("chars").GetInt32(), updates[0].GetProperty("lines").GetInt32()));
        Assert.Equal("Ada", updates[0].GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_interviewer_s_feed_shows_each_report_newest_first()
    {
        var (id, key) = await CreateAsync();
        StoredKey(id, key);
        await using var cleo = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Cleo");
        var page = await OpenAsync(id, "Cleo", "Ada");

        await cleo.Hub.InvokeAsync<JsonElement?>(HubMethods.Activity, new { sessionId = id, kind = "paste", chars = 120, lines = 4 });
        await cleo.Hub.InvokeAsync<JsonElement?>(HubMethods.Activity, new { sessionId = id, kind = "blur" });

        page.WaitForAssertion(() => Assert.Equal(
            ["Cleo left the tab", "Cleo pasted 120 characters (4 lines)"], page.FindAll(".activity-text").Select(l => l.TextContent)), Patience);
    }

    [Fact]
    public async Task Ending_asks_first_then_locks_the_code_everywhere_and_leaves_the_notes_open()
    {
        var (id, key) = await CreateAsync();
        StoredKey(id, key);
        await using var cleo = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Cleo");
        var page = await OpenAsync(id, "Cleo", "Ada");

        page.Find("#end-interview").Click();
        Assert.Empty(cleo.Received(HubEvents.SessionEnded));
        page.Find("#end-confirm").Click();

        page.WaitForAssertion(() => Assert.StartsWith("The interview was ended by Ada at ", page.Find(".banner.ended .banner-text").TextContent, StringComparison.Ordinal), Patience);
        await Eventually.HoldsAsync(() => cleo.Received(HubEvents.SessionEnded).Any(), "the candidate hears the end");
        Assert.Equal("Ada", cleo.Received(HubEvents.SessionEnded).Single().GetProperty("username").GetString());
        var editors = page.FindComponents<CodeEditor>();
        Assert.True(editors.Single(e => e.Instance.Id == LiveSession.EditorId).Instance.ReadOnly);
        Assert.False(editors.Single(e => e.Instance.Id == LiveSession.NotesEditorId).Instance.ReadOnly);
        Assert.True(page.Find("#language").HasAttribute("disabled"));
        Assert.True(page.Find("#end-interview").HasAttribute("disabled"));
        Assert.True(_host.Editor!.Locked);
    }

    [Fact]
    public async Task A_page_opened_after_the_end_shows_it_and_a_refused_edit_is_the_banner_not_an_error()
    {
        var (id, key) = await CreateAsync();
        await using (var bob = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Bob", key))
        {
            await bob.Hub.InvokeAsync<JsonElement?>(HubMethods.EndSession, new { sessionId = id });
        }

        var page = await OpenAsync(id, "Ada");

        page.WaitForAssertion(() => Assert.StartsWith("The interview was ended at ", page.Find(".banner.ended .banner-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.True(page.FindComponent<CodeEditor>().Instance.ReadOnly);
        var code = _host.View.Text;

        await page.InvokeAsync(() => _host.View.Type(_host.Editor!, new TextEdit(0, 0, "late"))); // typed as it ended

        await Eventually.HoldsAsync(() => _host.View.Text == code, "the refused edit is taken out");
        Assert.Empty(page.FindAll(".notice"));
        Assert.StartsWith("The interview was ended at ", page.Find(".banner.ended .banner-text").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ended_refusal_the_page_did_not_see_coming_is_the_ending_banner_not_an_error()
    {
        var (id, _) = await CreateAsync();
        var page = await OpenAsync(id, "Ada");
        var hub = _live.Gateway.Services.GetRequiredService<IHubContext<SessionHub>>();

        await hub.Clients.All.SendAsync(HubEvents.Error, new ErrorPayload("The interview was ended: the code and the language are final", ErrorCodes.SessionEnded));

        page.WaitForAssertion(() => Assert.StartsWith("The interview was ended.", page.Find(".banner.ended .banner-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll(".notice"));
        Assert.True(page.FindComponent<CodeEditor>().Instance.ReadOnly);
        Assert.True(page.Find("#language").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_interviewer_link_s_key_is_kept_and_taken_out_of_the_address_bar()
    {
        var (id, key) = await CreateAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"session/{id}#interviewer={key}");
        StoredKey(id, key); // what the stored key reads back as

        var page = await OpenAsync(id, "Ada");

        var stored = JSInterop.Invocations["localStorage.setItem"].Where(i => (string?)i.Arguments[0] == $"interview.interviewerKey.{id}");
        Assert.Equal([key], stored.Select(i => (string?)i.Arguments[1]));
        var replaced = JSInterop.Invocations["history.replaceState"].Single();
        Assert.Equal($"{navigation.BaseUri}session/{id}", replaced.Arguments[2]);
        Assert.Equal(key, Services.GetRequiredService<SessionConnection>().InterviewerKey);
        Assert.NotNull(page.Find("#notes-title"));
        Assert.DoesNotContain(key, page.Find("#share-url").GetAttribute("value")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_forgotten_and_the_page_joins_as_a_candidate_and_says_so()
    {
        var (id, _) = await CreateAsync();
        var (_, otherKey) = await CreateAsync(); // another session's key
        StoredKey(id, otherKey);

        var page = await OpenAsync(id, "Ada");

        page.WaitForAssertion(() => Assert.Equal(LiveSession.KeyRefused, page.Find(".notice .notice-text").TextContent), Patience);
        Assert.NotNull(page.Find(".candidate-notice"));
        Assert.Empty(page.FindAll("#notes-title"));
        Assert.Null(Services.GetRequiredService<SessionConnection>().InterviewerKey);
        page.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "localStorage.removeItem" && (string?)i.Arguments[0] == $"interview.interviewerKey.{id}"), Patience);
    }

    [Fact]
    public async Task A_right_key_refused_for_the_identity_is_kept_and_the_page_joins_as_a_new_interviewer()
    {
        var (id, key) = await CreateAsync();
        var adaId = Guid.NewGuid().ToString();
        JSInterop.Setup<string?>("localStorage.getItem", "interview.userId").SetResult(adaId);
        StoredKey(id, key);
        await using var mallory = await HubUser.JoinAsync(_live.Gateway.BaseAddress, id, "Mallory", userId: adaId); // took the id
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        var clock = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

        for (var look = 0; look < 10 && page.FindAll(".participant .name").Count < 2; look++)
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // the page looks for a token another tab may have had, then gives up
            try
            {
                page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".participant .name").Count), TimeSpan.FromSeconds(1));
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
            }
        }

        page.WaitForAssertion(() => Assert.Equal(["Mallory", "Ada"], page.FindAll(".participant .name").Select(n => n.TextContent)), Patience);
        Assert.Contains("joined as a new participant", page.Find(".notice .notice-text").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll(".notice .notice-text"), n => n.TextContent == LiveSession.KeyRefused);
        Assert.Equal(key, Services.GetRequiredService<SessionConnection>().InterviewerKey);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#notes-title")), Patience);
    }

    private void StoredKey(string id, string key) =>
        JSInterop.Setup<string?>("localStorage.getItem", $"interview.interviewerKey.{id}").SetResult(key);

    private async Task<IRenderedComponent<Session>> OpenAsync(string id, params string[] names)
    {
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));
        page.WaitForAssertion(() => Assert.Equal(names, page.FindAll(".participant .name").Select(n => n.TextContent)), Patience);
        await page.InvokeAsync(() => page.FindComponents<CodeEditor>().Single(e => e.Instance.Id == LiveSession.EditorId).Instance.OnReady.InvokeAsync());
        return page;
    }

    private async Task<(string Id, string Key)> CreateAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/sessions/create", new { language = "javascript" });
        var created = (await response.Content.ReadFromJsonAsync<CreateSessionResponse>())!;
        return (created.SessionId, created.InterviewerKey);
    }

    /// <summary>Another participant: a bare hub connection speaking "ot", an interviewer when given the key.</summary>
    private sealed class HubUser : IAsyncDisposable
    {
        private static readonly string[] Events =
            [OtProtocol.Operation, HubEvents.ActivityUpdate, HubEvents.SessionEnded, HubEvents.SessionJoined, OtProtocol.CursorUpdate, HubEvents.UserJoined, HubEvents.Error];

        private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _received = new();

        private HubUser(HubConnection hub) => Hub = hub;

        public HubConnection Hub { get; }

        public IEnumerable<(string Name, JsonElement Payload)> All => _received;

        public static async Task<HubUser> JoinAsync(Uri baseAddress, string sessionId, string name, string? interviewerKey = null, string? userId = null)
        {
            var user = new HubUser(new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "hub")).Build());
            foreach (var eventName in Events)
            {
                user.Hub.On<JsonElement>(eventName, payload => user._received.Enqueue((eventName, payload)));
            }

            await user.Hub.StartAsync();
            await user.Hub.InvokeAsync(HubMethods.JoinSession, new
            {
                sessionId, userId = userId ?? Guid.NewGuid().ToString(), username = name, protocol = "ot", clientId = "bob-tab", interviewerKey,
            });
            await Eventually.HoldsAsync(() => user.Received(HubEvents.SessionJoined).Any(), $"{name} joined");
            return user;
        }

        public IEnumerable<JsonElement> Received(string name) => _received.Where(e => e.Name == name).Select(e => e.Payload);

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }
}
