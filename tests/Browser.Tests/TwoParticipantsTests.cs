using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Two browser profiles in one session, end to end through the gateway.</summary>
[Collection(BrowserCollection.Name)]
public class TwoParticipantsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_interviewer_and_a_candidate_edit_together()
    {
        // A creates a session on the home page and opens its share link.
        var ada = await fixture.NewParticipantAsync();
        await ada.GotoAsync("/");
        await ada.ClickAsync("#create-session");
        var shareUrl = await ada.InputValueAsync("#share-url");
        Assert.Matches(@"/session/[0-9a-f-]{36}$", shareUrl);
        await ada.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "home.png") });
        await ada.ClickAsync("#open-session");
        await ada.FillAsync("#display-name", "Ada");
        await ada.ClickAsync(".name-prompt button[type=submit]");
        await Editor.WaitForTextAsync(ada, "t.startsWith('// Write your JavaScript code here')");

        // B opens the link; each sees both names.
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, shareUrl, "Bob");
        await ada.WaitForSelectorAsync(".participant:has-text('Bob')");
        Assert.Equal(["Ada", "Bob"], await Participant.NamesAsync(ada));
        Assert.Equal(["Ada", "Bob"], await Participant.NamesAsync(bob));
        Assert.Equal("Connected", await ada.TextContentAsync(".connection-status .label"));

        // A types; B sees it.
        await Editor.PlaceCursorAtEndAsync(ada);
        await ada.Keyboard.PressAsync("Enter");
        await ada.Keyboard.TypeAsync("const answer = 42;");
        await Editor.WaitForTextAsync(bob, "t.includes('const answer = 42;')");

        // B switches to Python; A's editor changes language, and A's typing is kept.
        await bob.SelectOptionAsync("#language", "python");
        await Editor.WaitForLanguageAsync(ada, "python");
        Assert.Equal("python", await ada.InputValueAsync("#language"));
        Assert.Contains("const answer = 42;", await Editor.TextAsync(ada), StringComparison.Ordinal);

        // A's cursor stays on the same text while B types above it.
        await Editor.PlaceCursorAsync(ada, 3, 10);
        var lineBefore = await ada.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getLineContent(3)");
        await Editor.PlaceCursorAsync(bob, 1, 1);
        await bob.Keyboard.TypeAsync("# notes from Bob");
        await bob.Keyboard.PressAsync("Enter");
        await Editor.WaitForTextAsync(ada, "t.startsWith('# notes from Bob\\n')");
        Assert.Equal((4, 10), await Editor.CursorAsync(ada));
        Assert.Equal(lineBefore, await ada.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getLineContent(4)"));
        Assert.Equal(await Editor.TextAsync(ada), await Editor.TextAsync(bob));
        var editorBox = (await ada.Locator(".editor-pane").BoundingBoxAsync())!;
        Assert.True(editorBox.Height >= 600, $"the editor fills the window's height ({editorBox.Height} px)");
        await ada.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "session-two-participants.png") });

        // B closes the tab; A sees one participant.
        await bob.Context.CloseAsync();
        await ada.WaitForFunctionAsync("() => document.querySelectorAll('.participant').length === 1");
        Assert.Equal(["Ada"], await Participant.NamesAsync(ada));
        await ada.Context.CloseAsync();
    }

    [Fact]
    public async Task The_session_is_usable_at_800_pixels_wide()
    {
        var page = await fixture.NewParticipantAsync(800, 900);
        await Participant.CreateAndJoinAsync(page, "Narrow Ada");

        var editor = (await page.Locator(".editor-pane").BoundingBoxAsync())!;
        var participants = (await page.Locator(".participants").BoundingBoxAsync())!;
        Assert.True(editor.Width >= 780 && editor.Height >= 300, $"editor is {editor.Width}x{editor.Height}");
        Assert.True(participants.Y >= editor.Y + editor.Height - 1, "participants sit below the editor");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 800, $"no sideways scrolling ({scrollWidth} px)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "session-800px.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_link_says_the_session_was_not_found()
    {
        var page = await fixture.NewParticipantAsync();
        await page.GotoAsync($"/session/{Guid.NewGuid()}");
        Assert.Equal("Session not found", await page.TextContentAsync("h1"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_malformed_link_says_it_is_not_valid()
    {
        var page = await fixture.NewParticipantAsync();
        await page.GotoAsync("/session/not-a-session-id");
        Assert.Equal("This link is not valid", await page.TextContentAsync("h1"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_file_comes_from_the_gateway()
    {
        var page = await fixture.NewParticipantAsync();
        var elsewhere = new List<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Host == fixture.BaseAddress.Host && url.Port == fixture.BaseAddress.Port)
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (elsewhere)
                {
                    elsewhere.Add(route.Request.Url);
                }

                await route.AbortAsync(); // the network beyond the gateway is cut off
            }
        });

        await Participant.CreateAndJoinAsync(page, "Offline Ada");

        Assert.Equal("Connected", await page.TextContentAsync(".connection-status .label"));
        Assert.Empty(elsewhere);
        await page.Context.CloseAsync();
    }
}
