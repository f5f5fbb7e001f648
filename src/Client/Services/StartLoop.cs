namespace Interview.Client.Services;

/// <summary>
/// A connection's loop of starts: it starts the connection again and again, with <see cref="ReconnectPolicy"/>'s
/// pauses, until it is up (one loop at a time; <see cref="Keep"/> with now cuts the current pause short),
/// going offline once past the quick tries. <see cref="End"/> stops it for good.
/// </summary>
public sealed class StartLoop(Func<Task<bool>> tryStart, Action<ConnectionState> setState, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private bool _starting; // the loop of starts runs (after a failed start, or a Retry)
    private bool _tryNow; // Retry: the loop's next try is now
    private CancellationTokenSource? _pause; // the loop's pause before its next try
    private bool _ended;

    public bool Ended => _ended;

    /// <summary>Makes sure the loop runs, counting <paramref name="previousTries"/> as failed already.</summary>
    public void Keep(long previousTries, bool now = false)
    {
        bool start;
        CancellationTokenSource? pause;
        lock (_gate)
        {
            _tryNow |= now;
            start = !_starting && !_ended;
            _starting |= start;
            pause = _pause;
        }

        if (start)
        {
            _ = RunAsync(previousTries);
        }
        else if (now)
        {
            pause?.Cancel();
        }
    }

    public void End()
    {
        CancellationTokenSource? pause;
        lock (_gate)
        {
            (_ended, pause) = (true, _pause);
        }

        pause?.Cancel();
    }

    private async Task RunAsync(long previousTries)
    {
        try
        {
            for (var tries = previousTries; !_ended; tries++)
            {
                var pause = new CancellationTokenSource(); // not disposed: it may be cancelled after the pause (no timer, nothing to free)
                lock (_gate)
                {
                    _pause = pause;
                    if (_tryNow)
                    {
                        _tryNow = false;
                        pause.Cancel();
                    }
                }

                if (tries >= ReconnectPolicy.QuickTries)
                {
                    setState(ConnectionState.Offline);
                }

                try
                {
                    await Task.Delay(ReconnectPolicy.DelayAfter(tries), clock, pause.Token);
                }
                catch (OperationCanceledException)
                {
                    setState(ConnectionState.Connecting); // Retry: now
                }
                finally
                {
                    lock (_gate)
                    {
                        _pause = null;
                    }
                }

                if (_ended || await tryStart())
                {
                    return;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _starting = false;
            }
        }
    }
}
