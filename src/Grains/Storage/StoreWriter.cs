using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Storage;

/// <summary>
/// The store's only writer: one dedicated thread that takes everything queued, runs it in one transaction,
/// commits it with one fsync (group commit), and only then completes the callers' tasks.
/// <para>
/// Why a thread of its own: Microsoft.Data.Sqlite has no real asynchronous I/O (its *Async methods run
/// synchronously), and a commit at synchronous=FULL waits for the disk. Called from grains, every
/// keystroke's journal append would block one of the few threads Orleans schedules all grains on. SQLite
/// serialises writers anyway, so one thread loses nothing; and while it waits for one commit's fsync,
/// the next keystrokes queue up and share the next commit: thousands of appends a second cost only as
/// many commits as the disk can sync, and a keystroke waits at most about two of them.
/// </para>
/// </summary>
internal sealed class StoreWriter : IDisposable
{
    private const int MaxBatch = 512;
    // Synchronous continuations: a write wakes the waiting writer thread at once, itself, rather than
    // through a thread-pool work item that waits its turn behind whatever keeps the pool busy.
    private readonly Channel<WriteJob> _queue = Channel.CreateUnbounded<WriteJob>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly SqliteConnection _connection;
    private readonly WriteCommands _commands;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private long _commits;
    private long _jobs;

    public StoreWriter(SqliteConnection connection, ILogger logger)
    {
        (_connection, _logger) = (connection, logger);
        _commands = new WriteCommands(connection);
        _thread = new Thread(Run) { IsBackground = true, Name = "Interview store writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed so far (so Jobs / Commits is the average group commit).</summary>
    public long Jobs => Interlocked.Read(ref _jobs);

    /// <summary>Queues <paramref name="work"/>; its task completes once the transaction holding it is on disk.</summary>
    public Task<T> WriteAsync<T>(Func<WriteCommands, T> work)
    {
        var job = new WriteJob<T>(work);
        if (!_queue.Writer.TryWrite(job))
        {
            throw new ObjectDisposedException(nameof(StoreWriter), "The store is closed");
        }

        return job.Task;
    }

    /// <summary>Commits what is queued, then stops the thread and closes the connection.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _commands.Dispose();
        _connection.Dispose();
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteJob>(MaxBatch);
        while (WaitForWork(reader))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private static bool WaitForWork(ChannelReader<WriteJob> reader)
    {
        var waiting = reader.WaitToReadAsync();
        return waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// One transaction for the whole batch. A write that fails on its own (not the commit) is taken out
    /// and the others run again without it, so one bad write never fails its neighbours.
    /// </summary>
    private void Commit(List<WriteJob> batch)
    {
        while (batch.Count > 0)
        {
            var failed = -1;
            try
            {
                _commands.Execute("BEGIN IMMEDIATE");
                for (var i = 0; i < batch.Count; i++)
                {
                    try
                    {
                        batch[i].Run(_commands);
                    }
                    catch (Exception exception)
                    {
                        (failed, batch[i].Error) = (i, exception);
                        break;
                    }
                }

                if (failed < 0)
                {
                    _commands.Execute("COMMIT");
                    Interlocked.Increment(ref _commits);
                    Interlocked.Add(ref _jobs, batch.Count);
                    foreach (var job in batch)
                    {
                        job.Succeed();
                    }

                    return;
                }

                RollBackQuietly();
                batch[failed].Fail(batch[failed].Error!);
                batch.RemoveAt(failed);
            }
            catch (Exception exception)
            {
                // BEGIN, COMMIT or ROLLBACK failed (the disk, another process holding the lock too long):
                // nothing of this batch is known to be on disk, so every caller hears of it.
                _logger.LogError(exception, "A store transaction of {Count} writes failed", batch.Count);
                RollBackQuietly();
                foreach (var job in batch)
                {
                    job.Fail(exception);
                }

                return;
            }
        }
    }

    private void RollBackQuietly()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            _commands.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open.
        }
    }

    private abstract class WriteJob
    {
        public Exception? Error { get; set; }

        public abstract void Run(WriteCommands commands);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteJob<T>(Func<WriteCommands, T> work) : WriteJob
    {
        // Asynchronous continuations: callers go on on their own schedulers, never on the writer's thread.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _done.Task;

        public override void Run(WriteCommands commands) => _result = work(commands);

        public override void Succeed() => _done.TrySetResult(_result!);

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
