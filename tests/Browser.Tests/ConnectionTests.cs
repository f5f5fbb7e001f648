using Interview.Tests.Common;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class ConnectionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_refresh_keeps_the_interview_and_does_not_ask_the_name_again()
    {
        var page = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(page, "Ada");
        await Editor.PlaceCursorAtEndAsync(page);
        await page.Keyboard.TypeAsync(" // kept");
        await WaitUntilServerHasAsync(link, " // kept");

        await page.ReloadAsync();

        await Editor.WaitForTextAsync(page, "t.endsWith(' // kept')");
        Assert.Empty(await page.QuerySelectorAllAsync("#display-name"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.participant').length === 1"); // the observer has gone
        Assert.Equal(["Ada"], await Participant.NamesAsync(page)); // the same user, not a second one
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lost_gateway_shows_reconnecting_then_offline_and_the_page_keeps_trying_by_itself()
    {
        var port = TestEnvironment.FreePort();
        var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}");
        var (page, _) = await CreateAndJoinAsync(gateway);
        await Editor.PlaceCursorAtEndAsync(page);
        await page.Keyboard.TypeAsync("\n// kept");
        Assert.Equal("Connected", await page.TextContentAsync(".connection-status .label"));

        await gateway.DisposeAsync();

        await page.WaitForSelectorAsync(".connection-status.reconnecting");
        await page.WaitForSelectorAsync(".connection-status.offline button"); // five tries a second apart, then offline
        Assert.Equal("Offline", await page.TextContentAsync(".connection-status .label"));
        Assert.Equal("trying again by itself", await page.TextContentAsync(".connection-status .hint"));

        // A gateway is back on that address, with a DATA_DIR of its own that never held this session (another
        // machine's, say); nobody clicks Retry: the page's next try connects, rejoins and learns the session
        // is gone, and the code stays.
        await using var restarted = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}");
        await page.WaitForSelectorAsync(".banner.gone:has-text('This session no longer exists.')");
        Assert.EndsWith("\n// kept", await Editor.TextAsync(page));
        Assert.True(await Editor.ReadOnlyAsync(page));
        Assert.Empty(await page.QuerySelectorAllAsync("h1"));
        Assert.Empty(await page.QuerySelectorAllAsync(".connection-status"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_gateway_restarted_in_the_middle_of_an_interview_comes_back_with_the_text_and_both_pages_carry_on()
    {
        var (port, data) = (TestEnvironment.FreePort(), TestEnvironment.NewDataDirectory());
        try
        {
            var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}", $"DATA_DIR={data}");
            var (ada, id) = await CreateAndJoinAsync(gateway);
            var bob = await fixture.NewParticipantAsync();
            await Participant.JoinAsync(bob, new Uri(gateway.BaseAddress, $"/session/{id}").ToString(), "Bob");
            await Editor.PlaceCursorAtEndAsync(ada);
            await ada.Keyboard.TypeAsync("\n// before, from Ada");
            await Editor.WaitForTextAsync(bob, "t.endsWith('// before, from Ada')");
            var before = await Editor.TextAsync(bob);

            // `dotnet run` stopped and started again on the same DATA_DIR: the pages reconnect by themselves.
            await gateway.DisposeAsync();
            await ada.WaitForSelectorAsync(".connection-status.reconnecting, .connection-status.offline");
            await using var restarted = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}", $"DATA_DIR={data}");
            foreach (var page in new[] { ada, bob })
            {
                await page.WaitForFunctionAsync("() => document.querySelector('.connection-status .label')?.textContent === 'Connected'", null, new() { Timeout = 60_000 });
                Assert.Equal(before, await Editor.TextAsync(page));
                Assert.Empty(await page.QuerySelectorAllAsync(".banner.gone"));
            }

            // Typing goes both ways again, into one text.
            await Editor.PlaceCursorAtEndAsync(bob);
            await bob.Keyboard.TypeAsync("\n// after, from Bob");
            await Editor.WaitForTextAsync(ada, "t.endsWith('// after, from Bob')");
            await Editor.PlaceCursorAsync(ada, 1, 1);

            // The line break first, then the words above it: a word suggestion ("Ada" is in the text) may
            // open late, after an Escape, and would take an Enter typed after the words.
            await ada.Keyboard.PressAsync("Enter");
            await ada.Keyboard.PressAsync("ArrowUp");
            await ada.Keyboard.TypeAsync("// after, from Ada");
            await Editor.WaitForTextAsync(bob, "t.startsWith('// after, from Ada')");
            var after = await Editor.TextAsync(ada);
            Assert.Equal("// after, from Ada\n" + before + "\n// after, from Bob", after);
            Assert.Equal(after, await Editor.TextAsync(bob));
            var carol = await fixture.NewParticipantAsync(); // and the session has it: a newcomer gets the same text
            await Participant.JoinAsync(carol, new Uri(restarted.BaseAddress, $"/session/{id}").ToString(), "Carol");
            await Editor.WaitForTextAsync(carol, $"t === {System.Text.Json.JsonSerializer.Serialize(after)}");
            await carol.Context.CloseAsync();
            await ada.Context.CloseAsync();
            await bob.Context.CloseAsync();
        }
        finally
        {
            TestEnvironment.DeleteDataDirectory(data);
        }
    }

    [Fact]
    public async Task An_expired_session_leaves_the_code_on_screen_read_only_to_copy_and_download()
    {
        await using var gateway = await TestGateway.StartAsync();
        var (page, id) = await CreateAndJoinAsync(gateway);
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Editor.PlaceCursorAtEndAsync(page);
        await page.Keyboard.TypeAsync("\n// mine");

        gateway.Clock.Advance(TimeSpan.FromHours(4)); // MAX_SESSION_DURATION

        await page.WaitForSelectorAsync(".banner.gone:has-text('This interview has ended.')");
        var code = await Editor.TextAsync(page);
        Assert.EndsWith("\n// mine", code);
        Assert.True(await Editor.ReadOnlyAsync(page));
        await Editor.PlaceCursorAtEndAsync(page);
        await page.Keyboard.TypeAsync("lost?");
        await page.Keyboard.PressAsync("Control+z");
        Assert.Equal(code, await Editor.TextAsync(page)); // nothing changes it now

        await page.ClickAsync(".banner.gone .copy-code");
        await page.WaitForSelectorAsync(".banner.gone .copy-code:has-text('Copied')");
        Assert.Equal(code, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".banner.gone .download-code"));
        Assert.Equal($"interview-{id[..8]}.js", download.SuggestedFilename);
        Assert.Equal(code, await File.ReadAllTextAsync((await download.PathAsync())!));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "session-ended.png") });
        Assert.Empty(refusals);
        await page.Context.CloseAsync();
    }

    /// <summary>A participant creating and joining a session on a gateway of the test's own.</summary>
    private async Task<(IPage Page, string SessionId)> CreateAndJoinAsync(TestGateway gateway)
    {
        var page = await fixture.NewParticipantAsync();
        await page.GotoAsync(new Uri(gateway.BaseAddress, "/").ToString());
        await page.ClickAsync("#create-session");
        var link = await page.InputValueAsync("#share-url");
        await Participant.JoinAsync(page, link, "Ada");
        return (page, link[(link.LastIndexOf('/') + 1)..]);
    }

    private async Task WaitUntilServerHasAsync(string link, string text)
    {
        // Another participant's view is the server's: wait until it shows the text.
        var observer = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(observer, link, "Observer");
        await Editor.WaitForTextAsync(observer, $"t.endsWith('{text}')");
        await observer.Context.CloseAsync();
    }
}
