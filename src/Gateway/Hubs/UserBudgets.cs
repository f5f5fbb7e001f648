using System.Collections.Concurrent;
using Interview.Gateway.Sessions;

namespace Interview.Gateway.Hubs;

/// <summary>
/// The per-user budgets are the session's to count (a user's tabs may be on several gateways); this
/// remembers the session's "over budget, try again in N s" for a user, so until then their messages of
/// that kind are refused here, without a grain call each: a flood from many tabs costs the session one
/// refusal per tab, not one per message.
/// </summary>
public sealed class UserBudgets(GatewaySessions sessions, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private const int MaxRemembered = 10_000; // past this, lapsed refusals are swept out

    private readonly ConcurrentDictionary<(Guid SessionId, string UserId, bool Operations), DateTimeOffset> _spentUntil = new();

    /// <summary>Whether the connection's user has spent that budget; looked up only while some user has (rarely).</summary>
    public bool IsSpent(string connectionId, bool operations, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_spentUntil.IsEmpty || sessions.MemberOf(connectionId) is not { } member)
        {
            return false;
        }

        var key = (member.SessionId, member.UserId, operations);
        if (_spentUntil.TryGetValue(key, out var until))
        {
            var now = clock.GetUtcNow();
            if (until > now)
            {
                retryAfter = until - now;
                return true;
            }

            _spentUntil.TryRemove(new KeyValuePair<(Guid, string, bool), DateTimeOffset>(key, until));
        }

        return false;
    }

    /// <summary>Notes the session's refusal if it was one of a user's budgets.</summary>
    public void Note(string connectionId, bool operations, ErrorPayload refusal)
    {
        if (SessionErrors.UserBudgetRetryAfter(refusal) is { } retryAfter && sessions.MemberOf(connectionId) is { } member)
        {
            var now = clock.GetUtcNow();
            _spentUntil[(member.SessionId, member.UserId, operations)] = now + retryAfter;
            if (_spentUntil.Count > MaxRemembered)
            {
                foreach (var (key, until) in _spentUntil.Where(entry => entry.Value <= now).ToList())
                {
                    _spentUntil.TryRemove(new KeyValuePair<(Guid, string, bool), DateTimeOffset>(key, until));
                }
            }
        }
    }
}
