using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Interview.Grains.Registry;

/// <summary>
/// Counts live sessions and sweeps overdue ones. Writes are coalesced into the sweep: the count is
/// advisory, and every session re-reports its deadline when asked, so a lost write heals itself.
/// </summary>
public sealed class SessionRegistryGrain(
    [PersistentState("registry", SessionRegistryGrain.Storage)] IPersistentState<RegistryState> state,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    IOptions<SessionLifetimeOptions> options,
    ILogger<SessionRegistryGrain> logger) : Grain, ISessionRegistryGrain
{
    /// <summary>The storage provider the silo configures for sessions (SessionGrain.Storage): the registry's state is kept beside theirs.</summary>
    public const string Storage = "sessions";

    private bool _dirty;

    private Dictionary<Guid, DateTimeOffset> Deadlines => state.State.Deadlines;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.RegistrySweepInterval;
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Lost on a silo shutdown at worst; sessions re-report their deadlines when swept or touched.
            logger.LogWarning(exception, "Writing the session registry on deactivation failed");
        }
    }

    public Task Track(Guid sessionId, DateTimeOffset expiresAt)
    {
        Deadlines[sessionId] = expiresAt;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task Forget(Guid sessionId)
    {
        _dirty |= Deadlines.Remove(sessionId);
        return Task.CompletedTask;
    }

    public Task<int> CountActive()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Deadlines.Values.Count(deadline => deadline > now));
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (sessionId, _) in Deadlines.Where(entry => entry.Value <= now))
        {
            // One-way: the session answers with Forget or a new Track when it gets to it.
            GrainFactory.GetGrain<ITrackedSession>(sessionId).CheckExpiry().Ignore();
        }

        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
