using Interview.Gateway.Monitoring;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>
/// Turns refusals into the caller's error event, and anything unexpected into CONNECTION_ERROR,
/// so a bad message never costs the connection (only a flood past its budget does, see MessageRateFilter).
/// The contract (docs/protocol.md, "Refusals and errors"): a refused invocation (a HubErrorException, or
/// the CONNECTION_ERROR fallback) first sends the error event to the caller, as for every client, and then
/// completes with <c>{"error": {message, code, details?}}</c>, the same ErrorPayload (<see cref="RefusedInvocation"/>),
/// so an invoking client learns why from the answer itself. An accepted invocation completes as its method
/// says: submit-operation <c>{revision}</c>, execution-result <c>true</c>, the others null. SignalR's JSON
/// protocol writes a completion's result by its runtime type, so the refusal's shape is the same for all.
/// </summary>
public sealed class HubErrorFilter(InterviewMetrics metrics, UserBudgets userBudgets, ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubErrorException refusal)
        {
            metrics.ErrorAnswered("hub", refusal.Error.Code);
            userBudgets.Note(invocationContext.Context.ConnectionId, MessageRateFilter.IsOperation(invocationContext), refusal.Error);
            await invocationContext.Hub.Clients.Caller.SendAsync(HubEvents.Error, refusal.Error);
            if (refusal.ClosesConnection)
            {
                logger.LogWarning("Closed connection {ConnectionId}: {Reason}", invocationContext.Context.ConnectionId, refusal.Error.Message);
                invocationContext.Context.Abort();
            }

            return new RefusedInvocation(refusal.Error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Hub method {Method} failed", WireMethodNames.Of(invocationContext));
            var error = new ErrorPayload(
                "The server could not handle this request; try again", ErrorCodes.ConnectionError,
                new Dictionary<string, string> { ["event"] = WireMethodNames.Of(invocationContext) });
            metrics.ErrorAnswered("hub", error.Code);
            await invocationContext.Hub.Clients.Caller.SendAsync(HubEvents.Error, error);
            return new RefusedInvocation(error);
        }
    }
}
