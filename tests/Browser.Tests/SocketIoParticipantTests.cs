using Interview.Tests.Common;

namespace Interview.Browser.Tests;

/// <summary>
/// A SPEC.md client at the Socket.IO door (the .NET Socket.IO client) and a browser tab of ours at the hub,
/// in one session: each sees the other arrive and leave, their edits reach each other, a language switch
/// reaches both (docs/protocol.md, "The Socket.IO door").
/// </summary>
[Collection(BrowserCollection.Name)]
public class SocketIoParticipantTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_Socket_IO_participant_and_a_browser_participant_edit_one_session()
    {
        var ada = await fixture.NewParticipantAsync();
        var shareUrl = await Participant.CreateAndJoinAsync(ada, "Ada");
        var sessionId = shareUrl[^36..];
        await using var cy = await SocketIoPeer.ConnectAsync(fixture.BaseAddress);

        await cy.JoinAsync(sessionId, "Cy");
        var joined = await cy.WaitForAsync("session-joined");
        Assert.StartsWith("// Write your JavaScript code here", joined.GetProperty("currentCode").GetString(), StringComparison.Ordinal);
        await ada.WaitForSelectorAsync(".participant:has-text('Cy')");
        Assert.Equal(["Ada", "Cy"], await Participant.NamesAsync(ada));

        // Ada types in the browser; the Socket.IO participant receives the whole text.
        await Editor.PlaceCursorAtEndAsync(ada);
        await ada.Keyboard.PressAsync("Enter");
        await ada.Keyboard.TypeAsync("const fromBrowser = 1;");
        var typed = await cy.WaitForAsync("code-update", u => u.GetProperty("code").GetString()!.EndsWith("const fromBrowser = 1;", StringComparison.Ordinal));
        var text = typed.GetProperty("code").GetString()!;

        // The Socket.IO participant sends a whole text; Ada's editor shows it.
        await cy.ChangeCodeAsync(sessionId, text + "\n// from Socket.IO");
        await Editor.WaitForTextAsync(ada, "t.endsWith('const fromBrowser = 1;\\n// from Socket.IO')");

        await cy.EmitAsync("language-change", new { sessionId, language = "python", userId = cy.UserId });
        await Editor.WaitForLanguageAsync(ada, "python");
        Assert.Equal("python", (await cy.WaitForAsync("language-update")).GetProperty("language").GetString());

        await cy.DisposeAsync();
        await ada.WaitForFunctionAsync("() => document.querySelectorAll('.participant').length === 1");
        Assert.Equal(["Ada"], await Participant.NamesAsync(ada));
        await ada.Context.CloseAsync();
    }
}
