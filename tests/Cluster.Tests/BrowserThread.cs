using System.Collections.Concurrent;

namespace Interview.Cluster.Tests;

/// <summary>
/// One thread with a synchronization context, as a browser tab has: the Blazor client's editor code is
/// written for one thread, so every call into it and every continuation of its awaits runs here.
/// </summary>
public sealed class BrowserThread : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];
    private readonly Thread _thread;

    public BrowserThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    // A closed tab runs nothing more: the editor's timers (resends, the wait for a confirmation) that end
    // after it was closed fire into nothing, as in a browser.
    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _work.Add((d, state));
        }
        catch (InvalidOperationException) when (_work.IsAddingCompleted)
        {
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("A tab never blocks on another thread");

    /// <summary>Runs <paramref name="work"/> on this thread; its awaits come back here.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(async _ =>
        {
            try
            {
                done.SetResult(await work());
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        }, null);
        return done.Task;
    }

    public Task<T> RunAsync<T>(Func<T> work) => RunAsync(() => Task.FromResult(work()));

    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return true;
    });

    public void Dispose() => _work.CompleteAdding();

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _work.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}
