using Interview.Client.Editing;
using Interview.Shared.Contracts;

namespace Interview.Client.Tests;

public class BoundEditorsTests
{
    private static readonly Func<IReadOnlyList<SelectionRange>, Task> NoSelection = _ => Task.CompletedTask;

    [Fact]
    public void Editors_bound_and_unbound_leave_nothing_behind()
    {
        var bound = new BoundEditors();
        var editors = Enumerable.Range(0, 5).Select(_ => NewEditor()).ToList();
        for (var page = 0; page < editors.Count; page++)
        {
            bound.Bind("code-editor", editors[page], NoSelection); // one page after another
            Assert.Same(editors[page], bound.EditorOf("code-editor"));
            Assert.True(bound.Unbind("code-editor", editors[page]));
        }

        Assert.Equal(0, bound.Count);
        Assert.Null(bound.EditorOf("code-editor"));
    }

    [Fact]
    public void A_gone_page_does_not_unbind_the_editor_of_the_page_after_it()
    {
        var (bound, old, next) = (new BoundEditors(), NewEditor(), NewEditor());
        IReadOnlyList<SelectionRange>? seen = null;
        bound.Bind("code-editor", old, NoSelection);
        bound.Bind("code-editor", next, selections => { seen = selections; return Task.CompletedTask; });

        Assert.False(bound.Unbind("code-editor", old));
        Assert.Same(next, bound.EditorOf("code-editor"));
        bound.SelectionChanged("code-editor", [new SelectionRange(1, 2)]);
        Assert.Equal([new SelectionRange(1, 2)], seen);
        Assert.Equal(1, bound.Count);
    }

    private static CollaborativeEditor NewEditor() =>
        new(new FakeEditorView(), _ => new TaskCompletionSource<Interview.Client.Services.SubmitAnswer>().Task, () => Task.CompletedTask);
}
