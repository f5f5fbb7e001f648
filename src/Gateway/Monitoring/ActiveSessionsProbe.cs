using Interview.Grains.Registry;

namespace Interview.Gateway.Monitoring;

/// <summary>
/// Keeps the cluster's count of active sessions at hand for the metrics gauge: a gauge is read
/// synchronously at scrape time, and the count lives in the session registry grain.
/// </summary>
public sealed class ActiveSessionsProbe(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<ActiveSessionsProbe> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    public int Latest { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // In cluster mode services start together: the Orleans client may still be looking for the cluster.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                Latest = await SessionRegistry.Get(grains).CountActive();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reading the active session count failed; the metric keeps its last value");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
