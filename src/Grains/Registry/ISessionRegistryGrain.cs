namespace Interview.Grains.Registry;

/// <summary>
/// Cluster-wide count of live sessions for /api/health. Sessions report their current deadline when it
/// moves (created, first user in, last user out); the registry counts those not yet passed and asks
/// the overdue ones to expire, which frees their stored code even if nobody ever opens them again.
/// </summary>
public interface ISessionRegistryGrain : IGrainWithIntegerKey
{
    Task Track(Guid sessionId, DateTimeOffset expiresAt);

    Task Forget(Guid sessionId);

    [AlwaysInterleave]
    Task<int> CountActive();
}
