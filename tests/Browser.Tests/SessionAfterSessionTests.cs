namespace Interview.Browser.Tests;

/// <summary>One tab going from one session to another without a reload: the second page's editor is bound afresh, nothing of the first's is kept.</summary>
[Collection(BrowserCollection.Name)]
public class SessionAfterSessionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_tab_that_opens_a_second_session_edits_it_as_it_did_the_first()
    {
        var ada = await fixture.NewParticipantAsync();
        var errors = new List<string>();
        ada.PageError += (_, error) => errors.Add(error);
        await Participant.CreateAndJoinAsync(ada, "Ada");
        await Editor.PlaceCursorAtEndAsync(ada);
        await ada.Keyboard.TypeAsync("in the first");

        await ada.ClickAsync(".brand"); // home, in the same page
        await ada.ClickAsync("#create-session");
        var second = await ada.InputValueAsync("#share-url");
        await ada.ClickAsync("#open-session"); // the name is kept: straight in
        await Editor.WaitForTextAsync(ada, "t.startsWith('// Write your JavaScript') && !t.includes('in the first')");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, second, "Bob");

        await Editor.PlaceCursorAtEndAsync(ada);
        await ada.Keyboard.TypeAsync("in the second");
        await Editor.WaitForTextAsync(bob, "t.endsWith('in the second')");
        Assert.DoesNotContain("in the first", await Editor.TextAsync(bob), StringComparison.Ordinal);
        // The second page's editors only: its code's and, Ada having created it, its interviewer notes'.
        Assert.Equal(2, await ada.EvaluateAsync<int>("() => monaco.editor.getEditors().length"));
        Assert.Empty(errors);
    }
}
