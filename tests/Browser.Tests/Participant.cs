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

    public static async Task<string[]> NamesAsync(IPage page) =>
        [.. await page.Locator(".participant .name").AllTextContentsAsync()];
}
