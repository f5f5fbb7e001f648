using Interview.Tests.Common;

namespace Interview.Browser.Tests;

/// <summary>
/// What the server sends one page over its hub WebSocket (Playwright's RouteWebSocketAsync): passed on
/// as it comes, or held for a while and then passed on in order, as a slow network would.
/// </summary>
public sealed class HeldFrames
{
    private readonly Lock _gate = new();
    private readonly List<string> _held = [];
    private Action<string>? _send;
    private bool _holding;

    public void Pass(string frame, Action<string> send)
    {
        lock (_gate)
        {
            _send = send;
            if (_holding)
            {
                _held.Add(frame);
            }
            else
            {
                send(frame);
            }
        }
    }

    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Everything held goes to the page, in order, and what comes next goes at once.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _holding = false;
            _held.ForEach(frame => _send!(frame));
            _held.Clear();
        }
    }

    public Task WaitForAsync(string part, string because) => Eventually.HoldsAsync(() =>
    {
        lock (_gate)
        {
            return _held.Any(frame => frame.Contains(part, StringComparison.Ordinal));
        }
    }, because, TimeSpan.FromSeconds(30));
}
