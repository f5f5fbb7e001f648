using Microsoft.Extensions.Options;

namespace Interview.Gateway.Sessions;

/// <summary>Renews this gateway's lease on every session it serves, well before the grain would drop it.</summary>
public sealed class GatewayLeaseRenewal(Reregistration sessions, IOptions<SessionLifetimeOptions> options, ILogger<GatewayLeaseRenewal> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GatewayRenewPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sessions.RenewAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Renewing session leases failed; retrying next period");
            }
        }
    }
}
