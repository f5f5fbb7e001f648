using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hubs;

/// <summary>
/// DESIGN.md section 7's budgets per connection: MAX_OPERATIONS_PER_MINUTE for submit-operation and
/// cursor-change (the client batches them), MAX_MESSAGES_PER_MINUTE for everything else. A message over
/// budget is refused whole, before anything reads it. Counted here rather than in a grain: a connection
/// lives on exactly one gateway, so this process sees all of its messages, and a grain call per keystroke
/// only to count it would double the keystroke's path. Limits that span gateways (sessions per client IP,
/// runs per user) are counted in grains.
/// </summary>
public sealed class MessageRateFilter(IOptions<RateLimitOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock) : IHubFilter
{
    private const string Connection = "";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (items[typeof(MessageRateFilter)] is not Budgets budgets)
        {
            items[typeof(MessageRateFilter)] = budgets = new Budgets(
                new RateWindow(options.Value.MessagesPerMinute, RateLimitOptions.Minute),
                new RateWindow(options.Value.OperationsPerMinute, RateLimitOptions.Minute));
        }

        var isOperation = invocationContext.HubMethod.Name is nameof(SessionHub.SubmitOperation) or nameof(SessionHub.CursorChange);
        var window = isOperation ? budgets.Operations : budgets.Messages;
        return window.TryTake(Connection, clock.GetUtcNow(), out var retryAfter)
            ? next(invocationContext)
            : throw new HubErrorException(SessionErrors.RateLimited(isOperation ? "edits and cursor moves" : "messages", retryAfter));
    }

    // Hub calls of one connection run one at a time (SignalR's default), so these need no locking.
    private sealed record Budgets(RateWindow Messages, RateWindow Operations);
}
