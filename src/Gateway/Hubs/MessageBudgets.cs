using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hubs;

/// <summary>
/// The budgets per connection, whichever door it came in by: MAX_OPERATIONS_PER_MINUTE for
/// submit-operation and cursor-change (the client batches them), MAX_MESSAGES_PER_MINUTE for everything
/// else. A message over budget is refused whole, before anything reads it. Counted here rather than in a
/// grain: a connection lives on exactly one gateway, so this process sees all of its messages, and a grain
/// call per keystroke only to count it would double the keystroke's path. The same budgets per user,
/// across tabs and gateways, are the session's to count; a refusal of one is remembered
/// (<see cref="UserBudgets"/>) and applied here until it lapses.
/// </summary>
public sealed class MessageBudgets(
    IOptions<RateLimitOptions> options, UserBudgets userBudgets, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private const string Connection = "";

    /// <summary>A new connection's budgets. A connection's messages are handled one at a time, so they need no locking.</summary>
    public Budgets ForConnection() => new(
        new RateWindow(options.Value.MessagesPerMinute, RateLimitOptions.Minute),
        new RateWindow(options.Value.OperationsPerMinute, RateLimitOptions.Minute),
        new RateWindow(options.Value.MessagesPerMinute + options.Value.OperationsPerMinute, RateLimitOptions.Minute));

    /// <summary>Null when the message may be read; otherwise the refusal to answer it with.</summary>
    public HubErrorException? RefusalOf(Budgets budgets, string connectionId, bool isOperation)
    {
        var what = isOperation ? "edits and cursor moves" : "messages";
        var window = isOperation ? budgets.Operations : budgets.Messages;
        var now = clock.GetUtcNow();
        ErrorPayload refusal;
        if (!window.TryTake(Connection, now, out var retryAfter))
        {
            refusal = SessionErrors.RateLimited(what, retryAfter);
        }
        else if (userBudgets.IsSpent(connectionId, isOperation, out var userRetryAfter))
        {
            refusal = SessionErrors.RateLimited($"{what} from your tabs together", userRetryAfter, perUser: true);
        }
        else
        {
            return null; // the keystroke's way: no lookup while nobody's budget is spent
        }

        // A client that goes on sending after as many refusals as its whole budget is flooding, not
        // typing fast (ours waits instead of being refused): answering each of its messages would cost
        // the gateway more than serving everyone else, so the connection is closed, saying why.
        return budgets.Refusals.TryTake(Connection, now, out _)
            ? new HubErrorException(refusal)
            : new HubErrorException(SessionErrors.Flooding(what), closesConnection: true);
    }

    public sealed record Budgets(RateWindow Messages, RateWindow Operations, RateWindow Refusals);
}
