using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>The page's Content-Security-Policy lets everything of ours work, Monaco's workers and both runners included.</summary>
[Collection(BrowserCollection.Name)]
public class PagePolicyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Nothing_of_ours_is_refused_by_the_pages_policy()
    {
        var page = await fixture.NewParticipantAsync();
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/");
        Assert.Contains("wasm-unsafe-eval", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#language", "python");
        await page.ClickAsync("#create-session");
        await Participant.JoinAsync(page, await page.InputValueAsync("#share-url"), "Ada");
        await page.WaitForSelectorAsync(".python-status.ready", new PageWaitForSelectorOptions { Timeout = 60_000 });

        await Runner.SetCodeAsync(page, "print(sum(range(10)))");
        await Runner.RunAsync(page);
        Assert.Equal("45", await Runner.TextAsync(page, ".run-output"));
        await page.SelectOptionAsync("#language", "javascript");
        await Editor.WaitForLanguageAsync(page, "javascript");
        await Runner.SetCodeAsync(page, "const xs = [1, 2, 3];\nreturn xs.map(x => x * 2);");
        await Runner.RunAsync(page);
        Assert.Equal("[2, 4, 6]", await Runner.TextAsync(page, ".run-output"));

        Assert.Empty(refusals);
    }
}
