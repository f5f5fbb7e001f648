namespace Interview.Grains.Quotas;

/// <summary>
/// Session creations from one client IP (the grain's key) in the last hour: MAX_SESSIONS_PER_HOUR,
/// one count for the whole cluster whichever gateway the requests reach.
/// </summary>
public interface ICreationQuotaGrain : IGrainWithStringKey
{
    /// <summary>Counts a creation; null when allowed, otherwise how long until the next one is.</summary>
    Task<TimeSpan?> TryCreate();
}
