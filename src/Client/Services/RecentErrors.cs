using Interview.Shared.Contracts;

namespace Interview.Client.Services;

/// <summary>
/// The error events a connection received lately, to pair a refused call with its error: the hub sends
/// the error before the call's null result, but SignalR's client hands events to their handlers on a loop
/// of its own, so the result is often seen first.
/// </summary>
public sealed class RecentErrors(TimeProvider clock)
{
    /// <summary>How long a refused call waits for its error event.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private const int Kept = 16;
    private readonly Lock _gate = new();
    private readonly Queue<(long Number, ErrorPayload Error)> _errors = new();
    private long _count;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many have come so far: a call's mark, taken before it is made.</summary>
    public long Mark
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Add(ErrorPayload error)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _errors.Enqueue((++_count, error));
            if (_errors.Count > Kept)
            {
                _errors.Dequeue();
            }

            (arrived, _arrived) = (_arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        arrived.SetResult();
    }

    /// <summary>The first error after <paramref name="mark"/> that <paramref name="fits"/>, waiting for it up to <see cref="Patience"/>; null if none comes.</summary>
    public async Task<ErrorPayload?> SinceAsync(long mark, Func<ErrorPayload, bool> fits)
    {
        var deadline = clock.GetUtcNow() + Patience;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                foreach (var (number, error) in _errors)
                {
                    if (number > mark && fits(error))
                    {
                        return error;
                    }
                }

                arrived = _arrived.Task;
            }

            var left = deadline - clock.GetUtcNow();
            try
            {
                await arrived.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, clock);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }
}
