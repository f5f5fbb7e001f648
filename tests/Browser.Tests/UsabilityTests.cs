namespace Interview.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class UsabilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Every_control_of_the_session_is_reachable_with_the_keyboard()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");

        var reached = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.id || e.className || e.tagName; }"));
        }

        Assert.Contains("language", reached);
        Assert.Contains("theme-toggle", reached);
        Assert.Contains("share-url", reached);
        Assert.Contains("button", reached); // Copy
        Assert.Contains(reached, r => r.Contains("inputarea", StringComparison.Ordinal)); // Monaco's text area
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Opening_a_session_does_not_make_the_layout_jump()
    {
        var page = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(page, "Ada"); // the name is kept: the next load goes straight in
        await page.AddInitScriptAsync("""
            window.__layoutShift = 0;
            new PerformanceObserver(list => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
            """);

        await page.GotoAsync(link);
        await Editor.WaitForTextAsync(page, "t.length > 0");
        await page.WaitForSelectorAsync(".participant");

        var shift = await page.EvaluateAsync<double>("() => window.__layoutShift");
        Assert.True(shift < 0.1, $"cumulative layout shift {shift:0.000} (0.1 is the usual limit of 'good')");
        await page.Context.CloseAsync();
    }
}
