using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>The Input box: one text for everyone, read by Python's input() and sys.stdin and JavaScript's readline() (docs/protocol.md, "Program input").</summary>
[Collection(BrowserCollection.Name)]
public class ProgramInputTests(BrowserFixture fixture)
{
    private const string Box = "#program-input";

    [Fact]
    public async Task Input_typed_by_one_participant_is_what_the_others_runs_read_in_Python_and_JavaScript()
    {
        var ada = await fixture.NewParticipantAsync();
        var bob = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada", "python");
        await Participant.JoinAsync(bob, link, "Bob");

        await ada.FillAsync(Box, "3\n4 5\n");
        await WaitForInputAsync(bob, "3\n4 5\n");

        await Runner.SetCodeAsync(bob, "import sys\nn = int(input('n? '))\nrest = [int(x) for x in sys.stdin.read().split()]\nprint(n * sum(rest))");
        await Runner.RunAsync(bob);
        Assert.Equal("n? 27", await Runner.TextAsync(bob, ".run-output"));
        await ada.WaitForFunctionAsync("() => document.querySelector('.run-output')?.textContent.trim() === 'n? 27'");

        await ada.SelectOptionAsync("#language", "javascript");
        await Editor.WaitForLanguageAsync(bob, "javascript");
        await Runner.SetCodeAsync(bob, "const n = Number(readline());\nconst [a, b] = readline().split(' ').map(Number);\nreturn [n * (a + b), readline()];");
        await Runner.RunAsync(bob);
        Assert.Equal("[27, null]", await Runner.TextAsync(bob, ".run-output"));

        // A newcomer's page shows the input the session has.
        var cid = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(cid, link, "Cid");
        await WaitForInputAsync(cid, "3\n4 5\n");
    }

    [Fact]
    public async Task The_runners_read_lines_exactly_and_report_the_end_of_input()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");

        var lines = await Runner.ResultOfAsync(page, "javascript", "return [readline(), readline(), readline(), readline()];", input: "a\r\n\nlast");
        var nothing = await Runner.ResultOfAsync(page, "javascript", "return readline();");
        var python = await Runner.ResultOfAsync(page, "python", "print(repr(input()), repr(input()))\ninput()", 10_000, "é ü\n\n");

        Assert.Equal("[\"a\", \"\", \"last\", null]", lines.GetProperty("output").GetString());
        Assert.Equal("null", nothing.GetProperty("output").GetString());
        Assert.Equal("'é ü' ''", python.GetProperty("output").GetString());
        Assert.Contains("EOFError", python.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_over_10_KB_is_refused_on_the_page_and_the_session_keeps_the_last_good_one()
    {
        var ada = await fixture.NewParticipantAsync();
        var bob = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        await Participant.JoinAsync(bob, link, "Bob");
        await ada.FillAsync(Box, "kept");
        await WaitForInputAsync(bob, "kept");

        await ada.FillAsync(Box, new string('9', 10 * 1024 + 1));
        await ada.WaitForSelectorAsync(".program-input .run-refusal");
        await ada.ClickAsync("#run-button");

        Assert.Equal("Input over 10 KB is not shared and cannot be run; shorten it.", await Runner.TextAsync(ada, ".program-input .run-refusal"));
        await ada.WaitForSelectorAsync(".output .run-refusal");
        Assert.Equal("Input over 10 KB cannot be run; shorten it.", await Runner.TextAsync(ada, ".output .run-refusal"));
        await ada.FillAsync(Box, "fixed"); // the page still serves, and the next change goes through
        await WaitForInputAsync(bob, "fixed");
    }

    private static Task WaitForInputAsync(IPage page, string input) =>
        page.WaitForFunctionAsync("expected => document.querySelector('#program-input')?.value === expected", input);
}
