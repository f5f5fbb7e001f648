using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>
/// Interviewers and a candidate in three browser profiles (docs/protocol.md, "Roles, notes, ending and
/// activity"): the notes go between interviewers only, the candidate's pastes from outside reach the feed,
/// ending locks the code on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RolesTests(BrowserFixture fixture)
{
    private const string Notes = "monaco.editor.getEditors().find(e => e.getContainerDomNode().closest('#notes-editor'))";
    private const string NotesWords = "Strong on recursion, weak on tests";
    private static readonly PageWaitForSelectorOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task Notes_stay_among_interviewers_pastes_reach_the_feed_and_ending_locks_every_page()
    {
        // Ada creates the session: her browser keeps the key and opens it as interviewer.
        var ada = await fixture.NewParticipantAsync();
        await ada.GotoAsync("/");
        await ada.ClickAsync("#create-session");
        var candidateLink = await ada.InputValueAsync("#share-url");
        var interviewerLink = await ada.InputValueAsync("#interviewer-url");
        var key = interviewerLink[(interviewerLink.IndexOf("#interviewer=", StringComparison.Ordinal) + "#interviewer=".Length)..];
        Assert.Equal(43, key.Length);
        await Participant.JoinAsync(ada, candidateLink, "Ada");
        await ada.WaitForSelectorAsync("#notes-title");

        // Bob opens the interviewer link in another profile; the key leaves his address bar.
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, interviewerLink, "Bob");
        await bob.WaitForSelectorAsync("#notes-title");
        Assert.DoesNotContain("#interviewer", bob.Url, StringComparison.Ordinal);
        Assert.Equal(interviewerLink, await bob.InputValueAsync("#interviewer-url"));

        // Cleo opens the candidate link; every frame her page receives is kept.
        var cleo = await fixture.NewParticipantAsync();
        var frames = new List<string>();
        cleo.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (frames)
            {
                frames.Add(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? []));
            }
        };
        await Participant.JoinAsync(cleo, candidateLink, "Cleo");
        Assert.Equal("The interviewer sees when you paste text and when you leave this tab.", await cleo.TextContentAsync(".candidate-notice"));
        Assert.Equal(0, await cleo.Locator("#notes-title, .activity-feed, #end-interview, #interviewer-url").CountAsync());
        await ada.WaitForSelectorAsync(".participant:has-text('Cleo') .role.candidate");
        Assert.Equal(["interviewer", "interviewer", "candidate"], await ada.Locator(".participant .role").AllTextContentsAsync());

        // Ada's notes reach Bob.
        await ada.EvaluateAsync($"() => {Notes}.focus()");
        await ada.Keyboard.TypeAsync(NotesWords);
        await bob.WaitForFunctionAsync($"words => {Notes}.getModel().getValue().includes(words)", NotesWords);

        // Cleo pastes text from outside the editor: the interviewers' feeds say so, by its size.
        await PasteAsync(cleo, "print('from elsewhere')\nprint(2)");
        await ada.WaitForSelectorAsync(".activity-text:has-text('Cleo pasted 32 characters (2 lines)')", Soon);
        await bob.WaitForSelectorAsync(".activity-text:has-text('Cleo pasted 32 characters (2 lines)')", Soon);

        // A copy and paste inside her editor is not reported: the next paste from outside comes right after the first.
        await cleo.EvaluateAsync($"() => {{ const e = {Editor.Code}; e.focus(); e.setSelection(new monaco.Range(1, 1, 1, 9)); }}");
        await cleo.Keyboard.PressAsync("Control+C");
        await PasteAsync(cleo, await cleo.EvaluateAsync<string>($"() => {Editor.Code}.getModel().getValueInRange(new monaco.Range(1, 1, 1, 9))"));
        await PasteAsync(cleo, "x");
        await ada.WaitForSelectorAsync(".activity-text:has-text('Cleo pasted 1 character (1 line)')", Soon);
        Assert.Equal(
            ["Cleo pasted 1 character (1 line)", "Cleo pasted 32 characters (2 lines)"],
            (await ada.Locator(".activity-text").AllTextContentsAsync()).Where(l => l.Contains("pasted", StringComparison.Ordinal)));

        // Ada ends the interview, after confirming on the page.
        await ada.ClickAsync("#end-interview");
        Assert.Equal("End the interview for everyone?", await ada.TextContentAsync(".end-question"));
        await ada.ClickAsync("#end-confirm");
        foreach (var page in new[] { ada, bob, cleo })
        {
            await page.WaitForSelectorAsync(".banner.ended:has-text('The interview was ended by Ada at ')", Soon);
            await page.WaitForFunctionAsync($"() => {Editor.Code}.getOption(monaco.editor.EditorOption.readOnly)");
            var before = await Editor.TextAsync(page);
            await Editor.PlaceCursorAsync(page, 1, 1);
            await page.Keyboard.TypeAsync("late");
            Assert.Equal(before, await Editor.TextAsync(page));
            Assert.True(await page.IsDisabledAsync("#language"));
        }

        // The notes stay open to interviewers.
        await ada.EvaluateAsync($"() => {{ const e = {Notes}; e.focus(); e.setPosition(e.getModel().getFullModelRange().getEndPosition()); }}");
        await ada.Keyboard.TypeAsync(" (after)");
        await bob.WaitForFunctionAsync($"words => {Notes}.getModel().getValue().includes(words)", NotesWords + " (after)");
        await ada.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "interviewer-ended.png") });
        await cleo.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "candidate-ended.png") });

        // Nothing of the notes, nor the key, ever reached the candidate's page.
        List<string> received;
        lock (frames)
        {
            received = [.. frames];
        }

        Assert.Contains(received, f => f.Contains("session-ended", StringComparison.Ordinal)); // the frames were recorded
        Assert.DoesNotContain(received, f => f.Contains("Strong on recursion", StringComparison.Ordinal));
        Assert.DoesNotContain(received, f => f.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(received, f => f.Contains("notes", StringComparison.OrdinalIgnoreCase));
        await ada.Context.CloseAsync();
        await bob.Context.CloseAsync();
        await cleo.Context.CloseAsync();
    }

    /// <summary>A paste into the code editor of text from elsewhere: the clipboard's text arrives with the paste event.</summary>
    private static Task PasteAsync(IPage page, string text) =>
        page.EvaluateAsync($$"""
            text => {
              const e = {{Editor.Code}};
              e.focus();
              const data = new DataTransfer();
              data.setData("text/plain", text);
              document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, text);
}
