using Interview.Shared.Contracts;

namespace Interview.Client.Sessions;

/// <summary>This tab's cursor moves, coalesced into at most one cursor-change per interval: the latest goes.</summary>
public sealed class CursorPacing(Func<IReadOnlyList<SelectionRange>, Task> send)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private IReadOnlyList<SelectionRange>? _unsent;
    private bool _sending;

    public async Task MovedAsync(IReadOnlyList<SelectionRange> selections)
    {
        _unsent = selections;
        if (_sending)
        {
            return;
        }

        _sending = true;
        try
        {
            await Task.Delay(Interval);
            while (_unsent is { } next)
            {
                _unsent = null;
                await send(next);
            }
        }
        finally
        {
            _sending = false;
        }
    }
}
