using System.Text.Json;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Drives the page's code runners: through the UI as a person does, or through the runner module itself.</summary>
public static class Runner
{
    /// <summary>Puts <paramref name="code"/> in the editor (an edit like any other) and waits until the session has it.</summary>
    public static async Task SetCodeAsync(IPage page, string code)
    {
        await Editor.WaitForTextAsync(page, "true"); // bound to the session: the change will reach it
        await page.EvaluateAsync("code => monaco.editor.getModels()[0].setValue(code)", code);
        await Editor.WaitForTextAsync(page, $"t === {JsonSerializer.Serialize(code)}");
    }

    /// <summary>Clicks Run and waits for a finished run in the output panel.</summary>
    public static async Task RunAsync(IPage page)
    {
        await page.ClickAsync("#run-button");
        await page.WaitForSelectorAsync("#stop-button, .run-meta, .run-refusal");
        await page.WaitForSelectorAsync("#run-button");
    }

    /// <summary>The runner module's own answer (the result shape of docs/protocol.md, "Runs"), without the page's per-minute limit.</summary>
    public static async Task<JsonElement> ResultOfAsync(IPage page, string language, string code, int timeoutMs = 5000, string input = "") =>
        await page.EvaluateAsync<JsonElement>(
            "async ([language, code, timeout, input]) => (await import('/js/code-runner.js')).run(language, code, timeout, input)",
            new object[] { language, code, timeoutMs, input });

    public static async Task<string> TextAsync(IPage page, string selector) =>
        await page.Locator(selector).CountAsync() > 0 ? (await page.TextContentAsync(selector))!.Trim() : string.Empty;
}
