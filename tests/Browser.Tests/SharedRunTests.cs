using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Every participant sees each run, with who ran it; runs are limited per user (docs/protocol.md, "Runs").</summary>
[Collection(BrowserCollection.Name)]
public class SharedRunTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_other_participant_sees_each_result()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        await Runner.SetCodeAsync(ada, "console.log('Hello'); return 1 + 1;");
        await Runner.RunAsync(ada);

        await bob.WaitForSelectorAsync(".run-by:has-text('Ada')");
        Assert.Equal("2", await Runner.TextAsync(bob, ".run-output"));
        Assert.Equal("Hello", await Runner.TextAsync(bob, ".run-logs"));
        Assert.DoesNotContain("(you)", await Runner.TextAsync(bob, ".run-meta"), StringComparison.Ordinal);
        Assert.Contains("(you)", await Runner.TextAsync(ada, ".run-meta"), StringComparison.Ordinal);

        await Runner.SetCodeAsync(bob, "const x = 1;\nthrow new Error('from Bob');");
        await Runner.RunAsync(bob);

        await ada.WaitForSelectorAsync(".run-by:has-text('Bob')");
        Assert.Equal("Failed", await Runner.TextAsync(ada, ".run-outcome"));
        Assert.Equal("Error: from Bob (line 2)", await Runner.TextAsync(ada, ".run-error"));
        await ada.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotFolder, "shared-run.png") });
    }

    [Fact]
    public async Task A_run_printing_10000_console_lines_reaches_the_other_participant_cut_at_10_KB()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        await Runner.SetCodeAsync(ada, "for (let i = 0; i < 10000; i++) console.log('line ' + i);");
        await Runner.RunAsync(ada);

        // Cut where the server's measure says 10 KB ends: lines 0 to 1134 and their line breaks make 10,239 bytes.
        await bob.WaitForSelectorAsync(".run-by:has-text('Ada')");
        var logs = await Runner.TextAsync(bob, ".run-logs");
        Assert.StartsWith("line 0\nline 1\n", logs, StringComparison.Ordinal);
        Assert.EndsWith("line 1134\n… output cut at 10 KB (88650 more bytes not shown)", logs, StringComparison.Ordinal);
        Assert.Equal(logs, await Runner.TextAsync(ada, ".run-logs"));
        Assert.Equal(0, await ada.Locator(".run-refusal").CountAsync()); // shared, not refused
    }

    [Fact]
    public async Task The_eleventh_run_within_a_minute_is_refused()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        for (var run = 1; run <= 10; run++)
        {
            await Runner.SetCodeAsync(ada, $"return {run};");
            await Runner.RunAsync(ada);
            Assert.Equal($"{run}", await Runner.TextAsync(ada, ".run-output"));
            await bob.WaitForSelectorAsync($".run-output:text-is('{run}')");
        }

        await Runner.SetCodeAsync(ada, "return 11;");
        await ada.ClickAsync("#run-button");
        await ada.WaitForSelectorAsync(".run-refusal");

        Assert.StartsWith("At most 10 runs a minute: you can run again in", await Runner.TextAsync(ada, ".run-refusal"), StringComparison.Ordinal);
        Assert.Equal("10", await Runner.TextAsync(ada, ".run-output")); // the eleventh did not run
        Assert.Equal("10", await Runner.TextAsync(bob, ".run-output"));

        // Bob has his own ten.
        await Runner.RunAsync(bob);
        Assert.Equal("11", await Runner.TextAsync(bob, ".run-output"));
    }
}
