using Bunit;
using Interview.Client.Components;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Interview.Client.Tests;

public class ShareLinkTests : BunitContext
{
    [Fact]
    public void Shows_the_link_and_copies_it()
    {
        var copy = JSInterop.SetupVoid("navigator.clipboard.writeText", "http://x/session/1");
        copy.SetVoidResult();
        var link = Render<ShareLink>(p => p.Add(s => s.Url, "http://x/session/1"));
        Assert.Equal("http://x/session/1", link.Find("#share-url").GetAttribute("value"));

        link.Find("button").Click();

        Assert.Single(copy.Invocations);
        Assert.Equal("Copied", link.Find("button").TextContent);
    }

    [Fact]
    public void Without_a_clipboard_the_button_does_not_claim_success()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("denied"));
        var link = Render<ShareLink>(p => p.Add(s => s.Url, "http://x"));

        link.Find("button").Click();

        Assert.Equal("Copy", link.Find("button").TextContent);
    }

    [Fact]
    public void Focusing_the_field_selects_it()
    {
        var select = JSInterop.SetupVoid("interview.selectAll", "share-url");
        select.SetVoidResult();
        var link = Render<ShareLink>(p => p.Add(s => s.Url, "http://x"));

        link.Find("#share-url").Focus();

        Assert.Single(select.Invocations);
    }
}

public class LanguageSelectorTests : BunitContext
{
    [Fact]
    public void Reports_a_new_language_only()
    {
        var chosen = new List<string>();
        var selector = Render<LanguageSelector>(p => p
            .Add(s => s.Language, "javascript")
            .Add(s => s.LanguageChanged, (string language) => chosen.Add(language)));

        Assert.Equal("javascript", selector.Find("select").GetAttribute("value"));
        selector.Find("select").Change("python");
        selector.Find("select").Change("javascript");
        selector.Find("select").Change("ruby");

        Assert.Equal(["python"], chosen);
    }

    [Fact]
    public void Can_be_disabled()
    {
        var selector = Render<LanguageSelector>(p => p.Add(s => s.Language, "python").Add(s => s.Disabled, true));
        Assert.True(selector.Find("select").HasAttribute("disabled"));
    }
}

public class ConnectionStatusTests : BunitContext
{
    [Theory]
    [InlineData(ConnectionState.Connecting, "Connecting…")]
    [InlineData(ConnectionState.Connected, "Connected")]
    [InlineData(ConnectionState.Reconnecting, "Reconnecting…")]
    [InlineData(ConnectionState.Offline, "Offline")]
    public void Says_the_connection_state(ConnectionState state, string label)
    {
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, state));
        Assert.Equal(label, status.Find(".label").TextContent);
        Assert.Contains(state.ToString().ToLowerInvariant(), status.Find(".connection-status").ClassList);
        Assert.Equal(state == ConnectionState.Offline, status.FindAll("button").Count == 1);
    }

    [Fact]
    public void Connected_with_an_edit_unanswered_says_it_waits_for_the_server()
    {
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, ConnectionState.Connected).Add(s => s.Unconfirmed, true));
        Assert.Equal("Connected · waiting for the server to confirm your edits", status.Find(".label").TextContent);
        Assert.Contains("unconfirmed", status.Find(".connection-status").ClassList);

        status.Render(p => p.Add(s => s.Unconfirmed, false));
        Assert.Equal("Connected", status.Find(".label").TextContent);
        Assert.DoesNotContain("unconfirmed", status.Find(".connection-status").ClassList);

        status.Render(p => p.Add(s => s.Unconfirmed, true).Add(s => s.State, ConnectionState.Reconnecting));
        Assert.Equal("Reconnecting…", status.Find(".label").TextContent); // not connected says more than unconfirmed
    }

    [Fact]
    public void Offline_says_it_keeps_trying()
    {
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, ConnectionState.Offline));
        Assert.Equal("trying again by itself", status.Find(".hint").TextContent);
    }

    [Fact]
    public void Offline_because_the_network_has_too_many_connections_says_so()
    {
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, ConnectionState.Offline).Add(s => s.TooManyConnections, true));
        Assert.Equal("too many connections from your network: close some tabs; trying again by itself", status.Find(".hint").TextContent);
    }

    [Fact]
    public void Offline_offers_a_retry()
    {
        var retries = 0;
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, ConnectionState.Offline).Add(s => s.OnRetry, () => retries++));

        status.Find("button").Click();

        Assert.Equal(1, retries);
    }
}

public class ParticipantListTests : BunitContext
{
    [Fact]
    public void Lists_names_colors_and_the_count_and_marks_the_user()
    {
        IReadOnlyList<ParticipantInfo> users = [new("a", "Ada", "#e06c75"), new("b", "Bob", "#61afef")];
        var list = Render<ParticipantList>(p => p.Add(s => s.Users, users).Add(s => s.SelfId, "b"));

        Assert.Equal("2", list.Find(".count").TextContent);
        Assert.Equal(["Ada", "Bob"], list.FindAll(".name").Select(n => n.TextContent));
        Assert.Contains("#61afef", list.FindAll(".swatch")[1].GetAttribute("style"), StringComparison.Ordinal);
        Assert.Single(list.FindAll(".you"));
        Assert.Equal("b", list.Find(".you").ParentElement!.GetAttribute("data-user-id"));
    }
}

public class NamePromptTests : BunitContext
{
    [Fact]
    public void Asks_for_a_name_before_joining()
    {
        string? given = null;
        var prompt = Render<NamePrompt>(p => p.Add(s => s.OnName, (string name) => given = name));
        Assert.True(prompt.Find("button").HasAttribute("disabled"));
        Assert.Equal("50", prompt.Find("input").GetAttribute("maxlength"));

        prompt.Find("input").Input("Ada");
        prompt.Find("form").Submit();

        Assert.Equal("Ada", given);
    }

    [Fact]
    public void A_blank_name_is_not_submitted()
    {
        var calls = 0;
        var prompt = Render<NamePrompt>(p => p.Add(s => s.OnName, (string _) => calls++));

        prompt.Find("input").Input("   ");
        prompt.Find("form").Submit();

        Assert.Equal(0, calls);
    }
}

public class SessionProblemTests : BunitContext
{
    [Theory]
    [InlineData(SessionLookupStatus.NotFound, "Session not found")]
    [InlineData(SessionLookupStatus.Expired, "This session has ended")]
    [InlineData(SessionLookupStatus.Invalid, "This link is not valid")]
    public void Explains_what_is_wrong_and_offers_a_new_session(SessionLookupStatus status, string title)
    {
        var page = Render<SessionProblem>(p => p.Add(s => s.Status, status));
        Assert.Equal(title, page.Find("h1").TextContent);
        Assert.Equal("", page.Find("a.button").GetAttribute("href"));
    }
}

public class NoticesTests : BunitContext
{
    [Fact]
    public void Each_notice_stays_until_closed()
    {
        var closed = new List<Notice>();
        IReadOnlyList<Notice> items = [new("The code would exceed the 100 KB limit. Your change was not applied."), new("Brought up to date", Quiet: true)];
        var notices = Render<Notices>(p => p.Add(s => s.Items, items).Add(s => s.OnClose, (Notice n) => closed.Add(n)));

        Assert.Equal(["The code would exceed the 100 KB limit. Your change was not applied.", "Brought up to date"], notices.FindAll(".notice-text").Select(n => n.TextContent));
        Assert.Equal(["alert", "status"], notices.FindAll(".notice").Select(n => n.GetAttribute("role")));
        notices.FindAll(".notice-close")[0].Click();

        Assert.Equal([items[0]], closed);
    }

    [Fact]
    public void No_notices_no_element() => Assert.Empty(Render<Notices>(p => p.Add(s => s.Items, [])).FindAll(".notices"));
}

public class SessionEndTests : BunitContext
{
    private const string Id = "550e8400-e29b-41d4-a716-446655440000";

    public SessionEndTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Theory]
    [InlineData(SessionLookupStatus.Expired, "This interview has ended.", "time limit")]
    [InlineData(SessionLookupStatus.NotFound, "This session no longer exists.", "no longer has it")]
    public void A_gone_session_says_why_and_offers_the_code(SessionLookupStatus reason, string title, string why)
    {
        var banner = Render<SessionGone>(p => p.Add(s => s.Reason, reason).Add(s => s.Code, () => "print(1)").Add(s => s.SessionId, Id).Add(s => s.Language, "python"));

        Assert.Equal(title, banner.Find(".banner-title").TextContent);
        Assert.Contains(why, banner.Find(".banner-text").TextContent, StringComparison.Ordinal);
        banner.Find(".copy-code").Click();
        banner.Find(".download-code").Click();

        Assert.Equal(["print(1)"], JSInterop.Invocations["navigator.clipboard.writeText"].Single().Arguments);
        Assert.Equal(["interview-550e8400.py", "print(1)"], JSInterop.Invocations["interview.download"].Single().Arguments);
        Assert.Equal("Copied", banner.Find(".copy-code").TextContent);
    }

    [Fact]
    public void The_file_is_named_after_the_session_and_language()
    {
        Assert.Equal("interview-550e8400.js", CodeRescue.FileName(Id, "javascript"));
        Assert.Equal("interview-550e8400.py", CodeRescue.FileName(Id, "python"));
    }

    [Fact]
    public void The_warning_says_when_the_interview_ends_and_offers_the_code()
    {
        var at = new DateTimeOffset(2024, 1, 15, 14, 32, 0, TimeSpan.Zero);
        var closes = 0;
        var warning = Render<ExpiryWarning>(p => p.Add(s => s.MinutesLeft, 10).Add(s => s.ExpiresAt, at).Add(s => s.Code, () => "x")
            .Add(s => s.SessionId, Id).Add(s => s.Language, "javascript").Add(s => s.OnClose, () => closes++));

        var local = at.ToLocalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"This interview ends in 10 minutes, at {local}; copy or download your code before then.", warning.Find(".banner-text").TextContent);
        Assert.Equal("This interview ends in 1 minute, at " + local + "; copy or download your code before then.", ExpiryWarning.Message(1, at));
        warning.Find(".download-code").Click();
        Assert.Equal(["interview-550e8400.js", "x"], JSInterop.Invocations["interview.download"].Single().Arguments);
        warning.Find(".notice-close").Click();
        Assert.Equal(1, closes);
    }

    [Theory]
    [InlineData(600, 10)]
    [InlineData(599, 10)]
    [InlineData(480, 8)]
    [InlineData(30, 1)]
    [InlineData(-5, 1)]
    public void Joining_in_the_last_ten_minutes_warns_at_once(int secondsLeft, int minutesShown)
    {
        var now = DateTimeOffset.UtcNow;
        var warning = ExpiryWarning.WhenJoining(Joined(now.AddSeconds(secondsLeft)), now);
        Assert.Equal((Id, minutesShown), (warning!.SessionId, warning.MinutesLeft));
    }

    [Fact]
    public void Joining_earlier_or_without_an_end_time_does_not_warn()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Null(ExpiryWarning.WhenJoining(Joined(now.AddSeconds(601)), now));
        Assert.Null(ExpiryWarning.WhenJoining(Joined(now.AddHours(4)), now));
        Assert.Null(ExpiryWarning.WhenJoining(Joined(default), now));
    }

    private static SessionJoined Joined(DateTimeOffset expiresAt) => new(Id, "x", "javascript", [], 1, 0, null, expiresAt);
}

public class CodeEditorTests : BunitContext
{
    [Fact]
    public void Renders_Monacos_container_with_the_editor_id()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var editor = Render<CodeEditor>(p => p.Add(s => s.InitialCode, "x").Add(s => s.Language, "python"));

        Assert.NotNull(editor.Find("#code-editor"));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier.StartsWith("blazorMonaco.editor.create", StringComparison.Ordinal));
    }

    [Fact]
    public void Does_not_report_ready_when_Monaco_did_not_start()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // no Monaco here: its model never appears
        var ready = 0;
        Render<CodeEditor>(p => p.Add(s => s.InitialCode, "x").Add(s => s.Language, "python").Add(s => s.OnReady, () => ready++));

        Assert.Equal(0, ready);
    }
}

public class AppTests : BunitContext
{
    [Fact]
    public void Unknown_routes_get_a_not_found_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/no/such/page");

        var app = Render<App>();

        Assert.Equal("Page not found", app.Find("h1").TextContent);
        Assert.Equal("", app.Find("a").GetAttribute("href"));
    }
}
