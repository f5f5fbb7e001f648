namespace Interview.Gateway.Sessions;

/// <summary>
/// A call to a session on behalf of one of its connections here, through transient cluster failures.
/// If the session answers that the connection is not in it although this gateway has it joined, the
/// session lost its registrations (a new activation): they are registered again and the call repeated.
/// </summary>
public sealed class SessionCalls(SessionGrains grains, LocalSessions local, Reregistration reregistration, ClusterCalls cluster)
{
    public async Task<T> CallAsync<T>(string connectionId, Guid sessionId, Func<ISessionGrain, Task<T>> call, Func<T, ErrorPayload?> errorOf)
    {
        var grain = grains[sessionId];
        var result = await cluster.RetryAsync(() => call(grain));
        if (errorOf(result)?.Code == ErrorCodes.InvalidSession && local.MemberOf(connectionId)?.SessionId == sessionId)
        {
            await reregistration.ReregisterAsync(sessionId);
            result = await cluster.RetryAsync(() => call(grain));
        }

        return result;
    }
}
