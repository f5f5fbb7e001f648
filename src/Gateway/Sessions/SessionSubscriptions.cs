using Orleans.Streams;

namespace Interview.Gateway.Sessions;

/// <summary>
/// This gateway's subscription to the streams of the sessions it serves, one per session: a session's
/// events go to the connections the grain names (code updates take the observer path instead).
/// </summary>
public sealed class SessionSubscriptions(
    IClusterClient cluster, ISessionClients hub, LocalSessions local, Reregistration reregistration, ClusterCalls calls, ILogger<SessionSubscriptions> logger)
{
    private readonly ISessionClients _hub = hub;
    private readonly ILogger<SessionSubscriptions> _logger = logger;

    /// <summary>
    /// Subscribes this gateway to a session's events, resuming a subscription it already holds (one whose
    /// removal failed, kept by the stream's PubSubStore) instead of adding another: one per session, none leaked.
    /// </summary>
    public async Task<StreamSubscriptionHandle<SessionEvent>> SubscribeAsync(Guid sessionId)
    {
        var stream = cluster.GetStreamProvider(SessionStreams.Provider).GetStream<SessionEvent>(SessionStreams.For(sessionId));
        var existing = await calls.RetryAsync(stream.GetAllSubscriptionHandles);
        foreach (var extra in existing.Skip(1))
        {
            await extra.UnsubscribeAsync();
        }

        return existing.Count > 0
            ? await existing[0].ResumeAsync((item, _) => OnSessionEventAsync(sessionId, item))
            : await calls.RetryAsync(() => stream.SubscribeAsync((item, _) => OnSessionEventAsync(sessionId, item)));
    }

    private async Task OnSessionEventAsync(Guid sessionId, SessionEvent sessionEvent)
    {
        if (sessionEvent.Change is SessionReactivated)
        {
            try
            {
                await ReregisterAsync(sessionId);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Registering connections with session {SessionId}'s new activation failed; the next renewal retries", sessionId);
            }

            return;
        }

        // Connections the grain names that are not on this gateway are skipped by SignalR.
        var (name, payload) = ProtocolEvents.For(sessionId, sessionEvent.Change);
        await _hub.SendToAsync(sessionEvent.Recipients, name, payload);
        if (sessionEvent.Change is SessionExpired)
        {
            // Not awaited: ending unsubscribes from the stream this callback is being called by.
            _ = EndAsync(sessionId);
        }
    }

    private Task ReregisterAsync(Guid sessionId) => reregistration.ReregisterAsync(sessionId);

    private Task EndAsync(Guid sessionId) => local.EndAsync(sessionId);
}
