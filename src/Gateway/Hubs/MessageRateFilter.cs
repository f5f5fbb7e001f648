using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>The hub's messages against their connection's budgets (<see cref="MessageBudgets"/>); a refusal is thrown for HubErrorFilter to answer.</summary>
public sealed class MessageRateFilter(MessageBudgets budgets) : IHubFilter
{
    /// <summary>Whether a hub method spends the operations budget (edits and cursor moves) rather than the messages one.</summary>
    public static bool IsOperation(HubInvocationContext invocation) =>
        invocation.HubMethod.Name is nameof(SessionHub.SubmitOperation) or nameof(SessionHub.CursorChange);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (items[typeof(MessageRateFilter)] is not MessageBudgets.Budgets connection)
        {
            items[typeof(MessageRateFilter)] = connection = budgets.ForConnection();
        }

        // Hub calls of one connection run one at a time (SignalR's default), so its budgets need no locking.
        var refusal = budgets.RefusalOf(connection, invocationContext.Context.ConnectionId, IsOperation(invocationContext));
        return refusal is null ? next(invocationContext) : throw refusal;
    }
}
