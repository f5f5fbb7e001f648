using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>The playback page of a recorded interview (docs/protocol.md, "Recording and playback").</summary>
[Collection(BrowserCollection.Name)]
public class PlaybackTests(BrowserFixture fixture)
{
    private const string PlaybackCode = "monaco.editor.getEditors().find(e => e.getContainerDomNode().closest('#playback-editor'))";

    [Fact]
    public async Task Scrubbed_to_a_run_it_shows_that_moments_code_and_output_and_at_32x_it_reaches_the_final_text()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        // The sessions' clock stands still unless moved: each step happens seconds after the one before.
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));
        await Runner.SetCodeAsync(bob, "console.log('first');");
        await Editor.WaitForTextAsync(ada, "t.includes('first')");
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));
        await Runner.RunAsync(bob);
        await ada.WaitForSelectorAsync(".run-by:has-text('Bob')");
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));
        await Editor.ReplaceAllAsync(ada, "console.log('second, by Ada');");
        await Editor.WaitForTextAsync(bob, "t.includes('second')");
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));
        await bob.SelectOptionAsync("#language", "python");
        await Editor.WaitForLanguageAsync(ada, "python");

        // Ada's browser keeps the key: her other tab opens the playback from the link on her page.
        var playback = await ada.Context.NewPageAsync();
        await playback.GotoAsync(await ada.GetAttributeAsync("#playback-link", "href") ?? throw new InvalidOperationException("no playback link"));
        try
        {
            await playback.WaitForSelectorAsync(".marker-run");
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"No run marker; the page says: {await playback.InnerTextAsync("body")}");
        }

        Assert.Equal(2, await playback.Locator(".track").CountAsync());
        Assert.Equal(1, await playback.Locator(".marker-language").CountAsync());

        Assert.True(await playback.EvalOnSelectorAsync<bool>(".marker-run", "run => Number(run.dataset.at) > 0 && Number(run.dataset.at) < Number(document.querySelector('.marker-language').dataset.at)"));
        await playback.ClickAsync(".marker-run");
        await playback.WaitForFunctionAsync($"() => {PlaybackCode}?.getValue() === \"console.log('first');\"");
        Assert.Equal("first", await playback.TextContentAsync("#playback-output .run-logs"));
        Assert.Contains("Bob", await playback.TextContentAsync("#playback-output") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await bob.Locator("#playback-link").CountAsync()); // a candidate has no way there

        await playback.SelectOptionAsync("#playback-speed", "32");
        await playback.ClickAsync("#playback-play");
        await playback.WaitForFunctionAsync($"() => {PlaybackCode}?.getValue() === \"console.log('second, by Ada');\"");
        await playback.WaitForSelectorAsync("#playback-play:has-text('Play')"); // stopped at the end
        Assert.Contains("Python", await playback.TextContentAsync("#playback-language") ?? "", StringComparison.Ordinal);
        await playback.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "playback.png") });
    }

    [Fact]
    public async Task An_sql_runs_tables_play_back_as_they_were_shown()
    {
        var ada = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(ada, "Ada", "sql");
        await ada.WaitForSelectorAsync(".sql-status.ready", new PageWaitForSelectorOptions { Timeout = 60_000 });
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));
        await Runner.RunAsync(ada); // the template: one table of two rows
        await ada.WaitForSelectorAsync(".result-table");
        fixture.SessionClock.Advance(TimeSpan.FromSeconds(5));

        var playback = await ada.Context.NewPageAsync();
        await playback.GotoAsync(await ada.GetAttributeAsync("#playback-link", "href") ?? throw new InvalidOperationException("no playback link"));
        await playback.WaitForSelectorAsync(".marker-run");
        await playback.ClickAsync(".marker-run");
        await playback.WaitForSelectorAsync("#playback-output .result-table");

        Assert.Equal(["department", "people", "average_salary"], await playback.Locator("#playback-output .result-table th").AllTextContentsAsync());
        Assert.Equal(["Engineering", "2", "117500.0", "Operations", "1", "90000.0"], await playback.Locator("#playback-output .result-table td").AllTextContentsAsync());
        Assert.Equal("2 rows · statement at line 15", (await playback.TextContentAsync("#playback-output .result-table figcaption"))!.Trim());
    }

    [Fact]
    public async Task The_candidates_browser_is_told_it_cannot_watch()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();

        await bob.GotoAsync(link + "/playback");

        await bob.WaitForSelectorAsync("#playback-status:has-text('Only an interviewer')");
        Assert.Equal(0, await bob.Locator("#playback-editor").CountAsync());
    }
}
