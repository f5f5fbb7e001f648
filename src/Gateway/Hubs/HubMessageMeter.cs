using Interview.Gateway.Monitoring;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>Counts every hub message by its method (the metrics' message rate), refused ones included.</summary>
public sealed class HubMessageMeter(InterviewMetrics metrics) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        metrics.MessageReceived(WireMethodNames.Of(invocationContext));
        return next(invocationContext);
    }
}
