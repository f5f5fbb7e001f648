using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Interview.Grains.Storage;

/// <summary>
/// Opens the store as the silo starts (before any grain activates) and closes it as the silo stops
/// (after its grains have deactivated and written their state). In between it sweeps out what has
/// outlived its session, as Redis's expiry does in cluster mode: a session's rows go once they have not
/// been written for MAX_SESSION_DURATION plus a day (SessionLifetimeOptions.ExpiredSessionRetention), so an
/// expired link still says "expired" for a day, and nothing is kept for ever; a recording goes once
/// RECORDING_RETENTION has passed since its session ended (RecordingHeader.RetainUntil).
/// </summary>
public sealed class StoreLifetime(SqliteStore store, IOptions<SessionLifetimeOptions> options, ILogger<StoreLifetime> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How often expired rows are looked for; an index finds them, so the sweep costs next to nothing.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private ITimer? _sweeps;

    public TimeSpan Retention => options.Value.MaxSessionDuration + SessionLifetimeOptions.ExpiredSessionRetention;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoreLifetime), ServiceLifecycleStage.RuntimeStorageServices, StartAsync, StopAsync);

    /// <summary>Removes rows older than the retention now (also run once an hour, and at start).</summary>
    public async Task SweepAsync()
    {
        try
        {
            var removed = await store.RemoveOlderThanAsync(store.Clock.GetUtcNow() - Retention) + await store.RemoveExpiredRecordingsAsync();
            if (removed > 0)
            {
                logger.LogInformation("Removed {Count} stored rows of sessions over {Retention}", removed, Retention);
            }
        }
        catch (Exception exception) when (exception is not ObjectDisposedException)
        {
            logger.LogWarning(exception, "Sweeping expired sessions from the store failed; the next sweep tries again");
        }
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        store.Open();
        _sweeps = store.Clock.CreateTimer(_ => SweepAsync().Ignore(), null, TimeSpan.Zero, SweepInterval);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sweeps is not null)
        {
            await _sweeps.DisposeAsync();
        }

        // Off the silo's thread: closing waits for the writer to commit what is still queued.
        await Task.Run(store.Dispose, CancellationToken.None);
    }
}
