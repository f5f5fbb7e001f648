using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Names shown as typed, but never as someone else: spoofing characters gone, look-alikes marked apart.</summary>
[Collection(BrowserCollection.Name)]
public class NameTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Spoofed_names_render_plainly_and_a_second_alice_is_marked_apart()
    {
        var alice = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(alice, "Alice");

        // A name written backwards behind a right-to-left override, with zero-width and blank characters.
        var spoofer = await fixture.NewParticipantAsync();
        await JoinTypingAsync(spoofer, link, "\u202Eecila\u200B\u3164 \u2066Bob\u2069");
        await alice.WaitForSelectorAsync(".participant:has-text('ecila Bob')");

        // Another "Alice", in capitals and with a zero-width space inside.
        var second = await fixture.NewParticipantAsync();
        await JoinTypingAsync(second, link, "AL\u200BICE");
        await alice.WaitForSelectorAsync(".participant:has-text('ALICE (2)')");

        foreach (var page in new[] { alice, spoofer, second })
        {
            Assert.Equal(["Alice", "ecila Bob", "ALICE (2)"], await Participant.NamesAsync(page));
        }

        // Nothing invisible reached the page, and each name is isolated from the text around it.
        var rendered = string.Concat(await alice.Locator(".participant .name").AllTextContentsAsync());
        Assert.DoesNotContain(rendered, c => c is '\u202E' or '\u200B' or '\u3164' or '\u2066' or '\u2069');
        Assert.Equal("isolate", await alice.Locator(".participant .name").First.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
    }

    private static async Task JoinTypingAsync(IPage page, string link, string name)
    {
        await page.GotoAsync(link);
        await page.FillAsync("#display-name", name);
        await page.ClickAsync(".name-prompt button[type=submit]");
        await Editor.WaitForTextAsync(page, "t.length > 0");
    }
}
