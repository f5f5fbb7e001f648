using Interview.Shared.Validation;

namespace Interview.Client.Running;

/// <summary>
/// The session's program input as this tab has it (docs/protocol.md, "Program input"): one text for
/// everyone, which runs read line by line. What this tab types is sent whole once typing pauses
/// (<see cref="SendDelay"/>) or the box loses focus, so a burst of typing costs one message of the
/// session's budget, not one a keystroke. Each change replaces the text: while this tab has typing of its
/// own not yet sent, someone else's change is noted but not shown, and this tab's text follows it.
/// </summary>
public sealed class ProgramInput(Func<string, Task> send, TimeProvider clock)
{
    public static readonly TimeSpan SendDelay = TimeSpan.FromMilliseconds(700);

    private string _shared = string.Empty; // the text as the session has it, as far as this tab knows
    private CancellationTokenSource? _waiting;

    public string Text { get; private set; } = string.Empty;

    /// <summary>Why the text is not shared (it is over 10 KB); null while it is.</summary>
    public string? Problem { get; private set; }

    public event Action? Changed;

    /// <summary>session-joined's input: shown, unless this tab has typing of its own still to send.</summary>
    public void Joined(string input)
    {
        _shared = input;
        if (_waiting is null && Problem is null)
        {
            Text = input;
            Changed?.Invoke();
        }
    }

    /// <summary>input-update: someone else's whole text.</summary>
    public void Received(string input) => Joined(input);

    /// <summary>This tab's box now holds <paramref name="text"/>; it is sent once typing pauses.</summary>
    public void Typed(string text)
    {
        Text = text;
        Problem = Limits.InputFits(text) ? null : $"Input over {Limits.MaxInputBytes / 1024} KB is not shared and cannot be run; shorten it.";
        _waiting?.Cancel();
        _waiting = null;
        if (Problem is null && text != _shared)
        {
            var waiting = _waiting = new CancellationTokenSource();
            _ = SendLaterAsync(waiting);
        }

        Changed?.Invoke();
    }

    /// <summary>Sends what waits at once (the box lost focus, a run starts).</summary>
    public Task FlushAsync()
    {
        _waiting?.Cancel();
        _waiting = null;
        return SendAsync();
    }

    private async Task SendLaterAsync(CancellationTokenSource waiting)
    {
        try
        {
            await Task.Delay(SendDelay, clock, waiting.Token);
        }
        catch (OperationCanceledException)
        {
            return; // more typing, or sent already
        }

        if (_waiting == waiting)
        {
            _waiting = null;
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        if (Problem is not null || Text == _shared)
        {
            return;
        }

        _shared = Text;
        await send(Text);
    }
}
