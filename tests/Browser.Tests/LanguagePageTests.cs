using System.Net.Http.Json;
using System.Text.Json;

namespace Interview.Browser.Tests;

/// <summary>A session made in each language through the API opens in Monaco's mode for it, can run, and offers all four.</summary>
[Collection(BrowserCollection.Name)]
public class LanguagePageTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("typescript", "TypeScript")]
    [InlineData("sql", "SQL")]
    public async Task A_session_made_through_the_api_opens_in_its_language_and_can_run(string language, string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var created = await (await http.PostAsJsonAsync("/api/sessions/create", new { language })).Content.ReadFromJsonAsync<JsonElement>();
        var page = await fixture.NewParticipantAsync();

        await Participant.JoinAsync(page, created.GetProperty("shareUrl").GetString()!, "Ada");

        await Editor.WaitForLanguageAsync(page, language);
        Assert.Equal(language, await page.InputValueAsync("#language"));
        Assert.Equal(name, (await page.Locator("#language option:checked").TextContentAsync())!.Trim());
        Assert.False(await page.IsDisabledAsync("#run-button"));
        Assert.Equal(["javascript", "python", "typescript", "sql"], await page.Locator("#language option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await page.SelectOptionAsync("#language", "javascript");
        await Editor.WaitForLanguageAsync(page, "javascript");
        await Editor.WaitForTextAsync(page, "t.startsWith('// Write your JavaScript code here')"); // the untouched template followed
        Assert.False(await page.IsDisabledAsync("#run-button"));
    }
}
