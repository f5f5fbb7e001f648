using System.Net.Http.Json;
using System.Text.Json;

namespace Interview.Browser.Tests;

/// <summary>A session in a language this page cannot run yet (made through the API): shown and edited, not run, and switched away from.</summary>
[Collection(BrowserCollection.Name)]
public class LanguagePageTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("typescript", "TypeScript")]
    [InlineData("sql", "SQL")]
    public async Task A_session_in_a_language_without_a_runner_here_opens_and_can_switch_to_one_with(string language, string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var created = await (await http.PostAsJsonAsync("/api/sessions/create", new { language })).Content.ReadFromJsonAsync<JsonElement>();
        var page = await fixture.NewParticipantAsync();

        await Participant.JoinAsync(page, created.GetProperty("shareUrl").GetString()!, "Ada");

        await Editor.WaitForLanguageAsync(page, language);
        Assert.Equal(language, await page.InputValueAsync("#language"));
        Assert.Equal(name, (await page.Locator("#language option:checked").TextContentAsync())!.Trim());
        Assert.True(await page.IsDisabledAsync("#run-button"));
        await page.SelectOptionAsync("#language", "javascript");
        await Editor.WaitForLanguageAsync(page, "javascript");
        Assert.False(await page.IsDisabledAsync("#run-button"));
        Assert.Equal(["javascript", "python"], await page.Locator("#language option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
    }
}
