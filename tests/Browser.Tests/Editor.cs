using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>Reads and drives the page's Monaco editor the way a person would see and use it.</summary>
public static class Editor
{
    /// <summary>The code's Monaco editor (JS): an interviewer's page has the notes' too.</summary>
    public const string Code = "monaco.editor.getEditors().find(e => e.getContainerDomNode().closest('#code-editor'))";

    public static Task<string> TextAsync(IPage page) =>
        page.EvaluateAsync<string>("() => " + Code + ".getModel().getValue()");

    public static Task<string> LanguageAsync(IPage page) =>
        page.EvaluateAsync<string>("() => " + Code + ".getModel().getLanguageId()");

    public static async Task<(int Line, int Column)> CursorAsync(IPage page)
    {
        var position = await page.EvaluateAsync<int[]>("() => { const p = " + Code + ".getPosition(); return [p.lineNumber, p.column]; }");
        return (position[0], position[1]);
    }

    public static Task PlaceCursorAsync(IPage page, int line, int column) =>
        page.EvaluateAsync($"() => {{ const e = {Code}; e.focus(); e.setPosition({{ lineNumber: {line}, column: {column} }}); }}");

    public static async Task PlaceCursorAtEndAsync(IPage page) =>
        await page.EvaluateAsync("() => { const e = " + Code + "; const m = e.getModel(); e.focus(); e.setPosition(m.getFullModelRange().getEndPosition()); }");

    /// <summary>Replaces the whole text at once, as a paste over a selection of everything would.</summary>
    public static Task ReplaceAllAsync(IPage page, string text) =>
        page.EvaluateAsync("text => { const e = " + Code + "; e.focus(); e.executeEdits('test', [{ range: e.getModel().getFullModelRange(), text }]); }", text);

    /// <summary>Inserts text at the very start at once, as a paste there would.</summary>
    public static Task InsertAtStartAsync(IPage page, string text) =>
        page.EvaluateAsync("text => { const e = " + Code + "; e.focus(); e.executeEdits('test', [{ range: new monaco.Range(1, 1, 1, 1), text }]); }", text);

    public static Task<bool> ReadOnlyAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => " + Code + ".getOption(monaco.editor.EditorOption.readOnly)");

    /// <summary>
    /// Waits until the editor is bound to the session (it is read-only before) and its text satisfies
    /// <paramref name="condition"/> (JS, given the text as t).
    /// </summary>
    public static Task WaitForTextAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync($"() => {{ const e = window.monaco && {Code}; const m = e && e.getModel(); if (!m || e.getOption(monaco.editor.EditorOption.readOnly)) return false; const t = m.getValue(); return {condition}; }}");

    public static Task WaitForLanguageAsync(IPage page, string language) =>
        page.WaitForFunctionAsync($"() => window.monaco && {Code} && {Code}.getModel().getLanguageId() === '{language}'");
}
