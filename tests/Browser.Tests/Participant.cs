using Microsoft.Playwright;

namespace Interview.Browser.Tests;

public static class Participant
{
    /// <summary>Opens a session link, gives a name when asked, and waits until the editor shows the session.</summary>
    public static async Task JoinAsync(IPage page, string url, string name)
    {
        await page.GotoAsync(url);
        await page.FillAsync("#display-name", name);
        await page.ClickAsync(".name-prompt button[type=submit]");
        await page.WaitForSelectorAsync($".participant:has-text('{name}')");
        await Editor.WaitForTextAsync(page, "t.length > 0");
    }

    /// <summary>Creates a session on the home page, joins it under <paramref name="name"/>, and returns its share link.</summary>
    public static async Task<string> CreateAndJoinAsync(IPage page, string name, string language = "javascript")
    {
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#language", language);
        await page.ClickAsync("#create-session");
        var link = await page.InputValueAsync("#share-url");
        await JoinAsync(page, link, name);
        return link;
    }

    public static async Task<string[]> NamesAsync(IPage page) =>
        [.. await page.Locator(".participant .name").AllTextContentsAsync()];
}
