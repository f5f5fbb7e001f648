using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Client.Editing;

/// <summary>
/// Synchronous interop with wwwroot/js/ot-editor.js: Monaco's change event calls <see cref="LocalChange"/>
/// and the operation is in the OT state before the event handler returns; remote operations are applied
/// to Monaco the same way. No await stands between an editor change and the OT client.
/// </summary>
[SupportedOSPlatform("browser")]
public static partial class MonacoBridge
{
    private const string Module = "interview-ot";
    private static readonly BoundEditors Editors = new();
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task AttachAsync(string editorId, CollaborativeEditor editor, Func<IReadOnlyList<SelectionRange>, Task> selectionChanged)
    {
        await JSHost.ImportAsync(Module, "../js/ot-editor.js");
        Editors.Bind(editorId, editor, selectionChanged);
        await Attach(editorId);
    }

    /// <summary>
    /// The page of <paramref name="editor"/> has gone: neither side keeps it (nor its Monaco editor).
    /// False when it was not bound (Monaco never came up) or another editor has the id by now.
    /// </summary>
    public static bool Detach(string editorId, CollaborativeEditor editor)
    {
        if (!Editors.Unbind(editorId, editor))
        {
            return false;
        }

        DetachEditor(editorId);
        return true;
    }

    [JSExport]
    public static void LocalChange(string editorId, string operationJson) =>
        Editors.EditorOf(editorId)?.LocalChange(JsonSerializer.Deserialize<TextOperation>(operationJson)!);

    [JSExport]
    public static void Undo(string editorId) => Editors.EditorOf(editorId)?.Undo();

    [JSExport]
    public static void Redo(string editorId) => Editors.EditorOf(editorId)?.Redo();

    [JSExport]
    public static void SelectionChanged(string editorId, string selectionsJson) =>
        Editors.SelectionChanged(editorId, JsonSerializer.Deserialize<List<SelectionRange>>(selectionsJson, Web)!);

    [JSImport("attach", Module)]
    private static partial Task Attach(string editorId);

    [JSImport("detach", Module)]
    private static partial void DetachEditor(string editorId);

    [JSImport("setText", Module)]
    internal static partial void SetText(string editorId, string text);

    [JSImport("applyOperation", Module)]
    internal static partial void ApplyOperation(string editorId, string operationJson);

    [JSImport("showCursors", Module)]
    internal static partial void ShowCursors(string editorId, string cursorsJson);

    /// <summary>The Monaco editor with the given id, as the collaborative editor sees it.</summary>
    public sealed class View(string editorId) : IEditorView
    {
        public void SetText(string text) => MonacoBridge.SetText(editorId, text);

        public void Apply(TextOperation operation) => ApplyOperation(editorId, JsonSerializer.Serialize(operation));

        public void ShowCursors(IReadOnlyList<RemoteCursor> cursors) => MonacoBridge.ShowCursors(editorId, JsonSerializer.Serialize(cursors, Web));
    }
}
