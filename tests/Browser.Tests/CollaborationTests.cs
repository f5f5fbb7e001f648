using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Operational transformation as people see it: nothing typed is lost, undo is personal, cursors are shared.</summary>
[Collection(BrowserCollection.Name)]
public class CollaborationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Two_people_typing_into_the_same_line_at_once_keep_every_character()
    {
        var (ada, bob) = await TwoInOneSessionAsync();
        await Editor.PlaceCursorAsync(ada, 7, 12);
        await Editor.PlaceCursorAsync(bob, 7, 12);

        await Task.WhenAll(
            ada.Keyboard.TypeAsync("ABCDEFGHIJKLMNOPQRST", new KeyboardTypeOptions { Delay = 15 }),
            bob.Keyboard.TypeAsync("abcdefghijklmnopqrst", new KeyboardTypeOptions { Delay = 15 }));

        var line = await WaitForSameLineAsync(ada, bob, 7);
        Assert.Equal("ABCDEFGHIJKLMNOPQRST", new string(line.Where(char.IsUpper).ToArray()));
        Assert.Equal("abcdefghijklmnopqrst", new string(line.Substring("solution();".Length).Where(char.IsLower).ToArray()));
        Assert.Equal("solution();".Length + 40, line.Length);
        Assert.Empty(await ada.Locator(".notice").AllTextContentsAsync());
        Assert.Empty(await bob.Locator(".notice").AllTextContentsAsync());
        await ada.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Undo_takes_back_ones_own_typing_and_leaves_the_partners()
    {
        var (ada, bob) = await TwoInOneSessionAsync();
        await Editor.PlaceCursorAsync(ada, 1, 1);
        await ada.Keyboard.TypeAsync("ADA ");
        await Editor.WaitForTextAsync(bob, "t.startsWith('ADA ')");
        await Editor.PlaceCursorAsync(bob, 3, 1);
        await bob.Keyboard.TypeAsync("BOB ");
        await Editor.WaitForTextAsync(ada, "t.includes('BOB ')");

        await Editor.PlaceCursorAsync(ada, 1, 5);
        await ada.Keyboard.PressAsync("Control+z");

        await Editor.WaitForTextAsync(bob, "!t.startsWith('ADA ') && t.includes('BOB ')");
        Assert.Equal(await Editor.TextAsync(ada), await Editor.TextAsync(bob));
        await ada.Keyboard.PressAsync("Control+y");
        await Editor.WaitForTextAsync(bob, "t.startsWith('ADA ') && t.includes('BOB ')");
        await ada.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_partners_cursor_shows_in_their_color_with_their_name_and_goes_when_they_leave()
    {
        var (ada, bob) = await TwoInOneSessionAsync();

        await Editor.PlaceCursorAsync(bob, 3, 5);

        var cursor = await ada.WaitForSelectorAsync("[class*='remote-0-cursor']");
        Assert.NotNull(cursor);
        var label = await ada.EvaluateAsync<string>("() => getComputedStyle(document.querySelector(\"[class*='remote-0-cursor']\"), '::after').content");
        Assert.Equal("\"Bob\"", label);
        await ada.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "remote-cursor.png") });

        await bob.Context.CloseAsync();
        await ada.WaitForFunctionAsync("() => !document.querySelector(\"[class*='remote-0-cursor']\")");
        await ada.Context.CloseAsync();
    }

    [Fact]
    public async Task A_120_KB_paste_is_refused_in_words_and_both_keep_editing_into_one_text()
    {
        var (ada, bob) = await TwoInOneSessionAsync();

        await Editor.ReplaceAllAsync(ada, new string('x', 120 * 1024));

        await ada.WaitForSelectorAsync(".notice:has-text('The code would exceed the 100 KB limit')");
        await Editor.WaitForTextAsync(ada, "t.startsWith('// Write your JavaScript')"); // back to the session's text
        await BothTypeAndMeetAsync(ada, bob);
        await ada.ClickAsync(".notice .notice-close");
        await ada.WaitForFunctionAsync("() => !document.querySelector('.notice')");
        await ada.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_paste_the_session_refuses_is_said_in_words_and_both_keep_editing_into_one_text()
    {
        // Ada hears nothing from the server for a moment, so her 60 KB paste is made against the text
        // before Bob's 60 KB one: it fits in her tab, and the session finds the two over 100 KB.
        var ada = await fixture.NewParticipantAsync();
        var held = new HeldFrames();
        await ada.RouteWebSocketAsync(new Regex("/hub"), socket => socket.ConnectToServer().OnMessage(frame => held.Pass(frame.Text!, socket.Send)));
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");
        await ada.WaitForSelectorAsync(".participant:has-text('Bob')");

        held.Hold();
        await Editor.InsertAtStartAsync(bob, new string('b', 60 * 1024) + "\n");
        await held.WaitForAsync("\"target\":\"operation\"", "Bob's paste is in the session");
        await Editor.InsertAtStartAsync(ada, new string('a', 60 * 1024) + "\n");
        await held.WaitForAsync("The code would exceed the 100 KB limit", "the session refuses Ada's paste");
        held.Release();

        await ada.WaitForSelectorAsync(".notice:has-text('The code would exceed the 100 KB limit')");
        await Editor.WaitForTextAsync(ada, "t.startsWith('bbbb') && !t.includes('aaaa')"); // Bob's, without hers
        await BothTypeAndMeetAsync(ada, bob);
        await ada.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    /// <summary>
    /// Edits flow both ways, one after the other and then at once (at the two ends of the text, so neither
    /// typing cuts into the other), and both tabs end with one text holding all of it.
    /// </summary>
    private static async Task BothTypeAndMeetAsync(IPage ada, IPage bob)
    {
        await Editor.PlaceCursorAtEndAsync(ada);
        await ada.Keyboard.TypeAsync(" // ada 1");
        await Editor.WaitForTextAsync(bob, "t.endsWith(' // ada 1')");
        await Editor.PlaceCursorAsync(bob, 1, 1);
        await bob.Keyboard.TypeAsync("/* bob 1 */ ");
        await Editor.WaitForTextAsync(ada, "t.startsWith('/* bob 1 */ ')");

        await Task.WhenAll(ada.Keyboard.TypeAsync(" // ada 2"), bob.Keyboard.TypeAsync("/* bob 2 */ "));

        const string all = "t.startsWith('/* bob 1 */ /* bob 2 */ ') && t.endsWith(' // ada 1 // ada 2')";
        await Editor.WaitForTextAsync(ada, all);
        await Editor.WaitForTextAsync(bob, all);
        Assert.Equal(await Editor.TextAsync(ada), await Editor.TextAsync(bob));
        Assert.Equal("Connected", await ada.TextContentAsync(".connection-status .label"));
    }

    private async Task<(IPage Ada, IPage Bob)> TwoInOneSessionAsync()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");
        await ada.WaitForSelectorAsync(".participant:has-text('Bob')");
        return (ada, bob);
    }

    private static async Task<string> WaitForSameLineAsync(IPage ada, IPage bob, int line)
    {

        await ada.WaitForFunctionAsync($$"""() => monaco.editor.getModels()[0].getLineContent({{line}}).length >= {{"solution();".Length + 40}}""");
        await bob.WaitForFunctionAsync($$"""() => monaco.editor.getModels()[0].getLineContent({{line}}).length >= {{"solution();".Length + 40}}""");
        Assert.Equal(await Editor.TextAsync(ada), await Editor.TextAsync(bob));
        return await ada.EvaluateAsync<string>($"() => monaco.editor.getModels()[0].getLineContent({line})");
    }
}
