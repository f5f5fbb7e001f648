using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class ScratchTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("typescript")]
    [InlineData("sql")]
    public async Task Scratch(string language)
    {
        var page = await fixture.NewParticipantAsync();
        page.Console += (_, m) => output.WriteLine($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => output.WriteLine($"pageerror: {e}");
        page.Context.RequestFailed += (_, r) => output.WriteLine($"failed: {r.Url} {r.Failure}");
        await Participant.CreateAndJoinAsync(page, "Ada", language);
        await page.WaitForSelectorAsync(".runtime-status.ready, .runtime-status.failed", new() { Timeout = 30_000 });
        output.WriteLine(await Runner.TextAsync(page, ".runtime-status"));
        var r = await Runner.ResultOfAsync(page, language, language == "sql" ? "SELECT 1 AS a;" : "const x: number = 'a';\nconsole.log(x);");
        output.WriteLine(r.ToString());
    }
}
