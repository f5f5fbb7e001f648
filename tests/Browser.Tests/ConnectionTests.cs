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
    public async Task A_lost_gateway_shows_reconnecting_then_offline_with_a_retry()
    {
        var port = TestEnvironment.FreePort();
        var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}");
        var page = await fixture.NewParticipantAsync();
        await page.GotoAsync(new Uri(gateway.BaseAddress, "/").ToString());
        await page.ClickAsync("#create-session");
        await Participant.JoinAsync(page, await page.InputValueAsync("#share-url"), "Ada");
        Assert.Equal("Connected", await page.TextContentAsync(".connection-status .label"));

        await gateway.DisposeAsync();

        await page.WaitForSelectorAsync(".connection-status.reconnecting");
        await page.WaitForSelectorAsync(".connection-status.offline button"); // five tries a second apart, then offline
        Assert.Equal("Offline", await page.TextContentAsync(".connection-status .label"));

        // A gateway is back on that address, with an empty memory: the retry connects and learns the session is gone.
        await using var restarted = await TestGateway.StartAsync($"urls=http://127.0.0.1:{port}");
        await page.ClickAsync(".connection-status button");
        await page.WaitForSelectorAsync("h1:has-text('Session not found')");
        await page.Context.CloseAsync();
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
