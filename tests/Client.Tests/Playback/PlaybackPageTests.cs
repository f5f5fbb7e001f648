using System.Net;
using System.Text.Json;
using Bunit;
using Interview.Client.Playback;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using static Interview.Client.Tests.Playback.RecordingSamples;
using PlaybackPage = Interview.Client.Pages.Playback;

namespace Interview.Client.Tests.Playback;

/// <summary>The playback page: the moment chosen by a marker, a step or a drag shown in the editor, output and notes.</summary>
public class PlaybackPageTests : BunitContext
{
    private const string Session = "7d5c2b1e-8f44-4a8e-9d71-3c0a2f6b9e10";
    private readonly FakeView _view = new();
    private readonly FakeApi _api = new();

    public PlaybackPageTests()
    {
        Services.AddSingleton(new RecordingReader(_api.Client()));
        Services.AddSingleton<LocalIdentity>();
        Services.AddSingleton<IPlaybackView>(_view);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<PlaybackPage> Open(string? key = "key")
    {
        JSInterop.Setup<string?>("localStorage.getItem", $"interview.interviewerKey.{Session}").SetResult(key);
        _api.Answer($"/api/sessions/{Session}/recording", HttpStatusCode.OK, JsonSerializer.Serialize(
            new RecordingPage(Session, Created, Created.AddSeconds(71), new RecordingStart("", "javascript"), AnInterview()), JsonSerializerOptions.Web));
        return Render<PlaybackPage>(parameters => parameters.Add(p => p.SessionId, Session));
    }

    [Fact]
    public void A_click_on_the_run_marker_shows_the_code_and_output_of_that_moment()
    {
        var page = Open();
        page.WaitForElement(".marker-run");

        page.Find(".marker-run").Click();

        Assert.Equal("aXb", _view.Shown[^1].Text);
        Assert.Contains("aXb", page.Find("#playback-output").TextContent, StringComparison.Ordinal);
        Assert.Equal("0:07 / 1:11", page.Find("#playback-time").TextContent);
        Assert.Equal(["join", "join", "paste", "run", "blur", "language", "leave"], page.FindAll(".marker").Select(m => m.ClassList.Last().Replace("marker-", "")));
        Assert.Equal(2, page.FindAll(".track").Count);
        Assert.Single(page.FindAll(".timeline-cut"));
    }

    [Fact]
    public void Arrow_keys_step_one_change_and_a_drag_scrubs()
    {
        var page = Open();
        page.WaitForElement("#playback-timeline");
        var timeline = page.Find("#playback-timeline");

        timeline.KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        timeline.KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal("a", _view.Shown[^1].Text);
        timeline.KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal("ab", _view.Shown[^1].Text);
        timeline.KeyDown(new KeyboardEventArgs { Key = "ArrowLeft" });
        Assert.Equal("a", _view.Shown[^1].Text);

        timeline.PointerDown(new PointerEventArgs { ClientX = 1000 }); // the whole width: the end
        Assert.Equal("aXb", _view.Shown[^1].Text);
        Assert.Equal("note", page.Find("#playback-notes").TextContent);
        Assert.Contains("Python", page.Find("#playback-language").TextContent, StringComparison.Ordinal);
        timeline.PointerMove(new PointerEventArgs { ClientX = 500 }); // still pressed: 6.5 s of 13
        Assert.Equal("aXb", _view.Shown[^1].Text);
        timeline.PointerUp(new PointerEventArgs { ClientX = 500 });
        timeline.PointerMove(new PointerEventArgs { ClientX = 100 }); // released: moving changes nothing
        Assert.Contains("0:06", page.Find("#playback-time").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_the_page_says_who_can_watch()
    {
        var page = Open(key: null);

        page.WaitForAssertion(() => Assert.Contains("Only an interviewer", page.Find("#playback-status").TextContent, StringComparison.Ordinal));
        Assert.Empty(_api.Requests);
    }

    private sealed class FakeView : IPlaybackView
    {
        public List<AuthoredText> Shown { get; } = [];

        public Task OpenAsync(string id, string language, string theme) => Task.CompletedTask;

        public void Colours(IReadOnlyList<RecordingParticipant> authors)
        {
        }

        public void Show(string id, AuthoredText text, string language) => Shown.Add(text);

        public double Width(string id) => 1000;

        public double Left(string id) => 0;

        public void Close(string id)
        {
        }
    }
}
