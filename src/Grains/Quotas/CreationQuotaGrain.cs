using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Interview.Grains.Quotas;

/// <summary>
/// Kept in memory only, and kept active for longer than its window, so an idle collection cannot forget
/// an hour's count; a silo lost resets it, which a rate limit can afford.
/// </summary>
[CollectionAgeLimit(Minutes = 61)]
public sealed class CreationQuotaGrain(
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    IOptions<RateLimitOptions> options) : Grain, ICreationQuotaGrain
{
    private const string Client = "";
    private readonly RateWindow _creations = new(options.Value.SessionsPerHour, RateLimitOptions.Hour);

    public Task<TimeSpan?> TryCreate() =>
        Task.FromResult(_creations.TryTake(Client, clock.GetUtcNow(), out var retryAfter) ? (TimeSpan?)null : retryAfter);
}
