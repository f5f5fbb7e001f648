using System.Diagnostics;
using Interview.Client.Editing;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Xunit.Abstractions;

namespace Interview.Client.Tests;

/// <summary>What one keystroke costs the collaborative editor in a 50 KB document: no copy of the document.</summary>
public class KeystrokeCostTests(ITestOutputHelper output)
{
    private const int Keystrokes = 2000;

    [Fact]
    public void A_keystroke_in_a_50_KB_document_does_not_copy_the_document()
    {
        var document = string.Concat(Enumerable.Repeat("let total = items.map(x => x * 2); // é\n", 1250)); // 50 KB
        long revision = 1;
        var editor = new CollaborativeEditor(new NoView(), _ => Task.FromResult(SubmitAnswer.Created(++revision)), () => Task.CompletedTask);
        editor.Joined(new SessionJoined("s", document, "javascript", [], 1, revision));
        var length = document.Length;
        Type(editor, ref length, 100); // warm up

        var (allocated, watch) = (GC.GetAllocatedBytesForCurrentThread(), Stopwatch.StartNew());
        Type(editor, ref length, Keystrokes);
        var (perKeystroke, micros) = ((GC.GetAllocatedBytesForCurrentThread() - allocated) / Keystrokes, watch.Elapsed.TotalMicroseconds / Keystrokes);

        output.WriteLine($"{document.Length} characters: {perKeystroke} bytes and {micros:F1} µs a keystroke");
        Assert.True(editor.Synchronized);
        Assert.True(perKeystroke < document.Length, $"{perKeystroke} bytes a keystroke: the document is copied");
    }

    // Each keystroke answered at once, so each is a new submission: the whole of the editor's path.
    private static void Type(CollaborativeEditor editor, ref int length, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = length / 2 + i % 7;
            editor.LocalChange(new TextOperation.Builder().Retain(at).Insert("x").Retain(length - at).Build());
            length++;
        }
    }

    private sealed class NoView : IEditorView
    {
        public void SetText(string text)
        {
        }

        public void Apply(TextOperation operation)
        {
        }

        public void ShowCursors(IReadOnlyList<RemoteCursor> cursors)
        {
        }
    }
}
