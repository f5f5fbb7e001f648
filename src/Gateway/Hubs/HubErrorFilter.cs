using Interview.Gateway.Monitoring;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>
/// Turns refusals into the caller's error event, and anything unexpected into CONNECTION_ERROR,
/// so a bad message never costs the connection (only a flood past its budget does, see MessageRateFilter).
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
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Hub method {Method} failed", WireMethodNames.Of(invocationContext));
            var error = new ErrorPayload(
                "The server could not handle this request; try again", ErrorCodes.ConnectionError,
                new Dictionary<string, string> { ["event"] = WireMethodNames.Of(invocationContext) });
            metrics.ErrorAnswered("hub", error.Code);
            await invocationContext.Hub.Clients.Caller.SendAsync(HubEvents.Error, error);
        }

        return null;
    }
}
