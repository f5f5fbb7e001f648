using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Gateway.Hubs;

/// <summary>
/// The name a client invoked ("join-session"), not the C# method's: SignalR's invocation
/// context carries the latter. Looked up once per method.
/// </summary>
public static class WireMethodNames
{
    private static readonly ConcurrentDictionary<MethodInfo, string> Names = new();

    public static string Of(HubInvocationContext invocation) =>
        Names.GetOrAdd(invocation.HubMethod, method => method.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? method.Name);
}
