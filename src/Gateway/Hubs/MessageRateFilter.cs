using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hubs;

/// <summary>
/// The budgets per connection: MAX_OPERATIONS_PER_MINUTE for submit-operation and cursor-change (the
/// client batches them), MAX_MESSAGES_PER_MINUTE for everything else. A message over budget is refused
/// whole, before anything reads it. Counted here rather than in a grain: a connection lives on exactly one
/// gateway, so this process sees all of its messages, and a grain call per keystroke only to count it
/// would double the keystroke's path. The same budgets per user, across tabs and gateways, are the
/// session's to count; a refusal of one is remembered (<see cref="UserBudgets"/>, noted by HubErrorFilter,
/// where refusals are caught) and applied here until it lapses.
/// </summary>
public sealed class MessageRateFilter(
    IOptions<RateLimitOptions> options, UserBudgets userBudgets, [FromKeyedServices(SessionClock.Key)] TimeProvider clock) : IHubFilter
{
    private const string Connection = "";

    /// <summary>Whether a hub method spends the operations budget (edits and cursor moves) rather than the messages one.</summary>
    public static bool IsOperation(HubInvocationContext invocation) =>
        invocation.HubMethod.Name is nameof(SessionHub.SubmitOperation) or nameof(SessionHub.CursorChange);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (items[typeof(MessageRateFilter)] is not Budgets budgets)
        {
            items[typeof(MessageRateFilter)] = budgets = new Budgets(
                new RateWindow(options.Value.MessagesPerMinute, RateLimitOptions.Minute),
                new RateWindow(options.Value.OperationsPerMinute, RateLimitOptions.Minute),
                new RateWindow(options.Value.MessagesPerMinute + options.Value.OperationsPerMinute, RateLimitOptions.Minute));
        }

        var isOperation = IsOperation(invocationContext);
        var what = isOperation ? "edits and cursor moves" : "messages";
        var window = isOperation ? budgets.Operations : budgets.Messages;
        var now = clock.GetUtcNow();
        ErrorPayload refusal;
        if (!window.TryTake(Connection, now, out var retryAfter))
        {
            refusal = SessionErrors.RateLimited(what, retryAfter);
        }
        else if (userBudgets.IsSpent(invocationContext.Context.ConnectionId, isOperation, out var userRetryAfter))
        {
            refusal = SessionErrors.RateLimited($"{what} from your tabs together", userRetryAfter, perUser: true);
        }
        else
        {
            return next(invocationContext); // the keystroke's way: no await, no lookup while nobody's budget is spent
        }

        // A client that goes on sending after as many refusals as its whole budget is flooding, not
        // typing fast (ours waits instead of being refused): answering each of its messages would cost
        // the gateway more than serving everyone else, so the connection is closed, saying why.
        throw budgets.Refusals.TryTake(Connection, now, out _)
            ? new HubErrorException(refusal)
            : new HubErrorException(SessionErrors.Flooding(what), closesConnection: true);
    }

    // Hub calls of one connection run one at a time (SignalR's default), so these need no locking.
    private sealed record Budgets(RateWindow Messages, RateWindow Operations, RateWindow Refusals);
}
