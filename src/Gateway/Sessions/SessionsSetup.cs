namespace Interview.Gateway.Sessions;

public static class SessionsSetup
{
    /// <summary>This gateway's side of its sessions; the hub gives <see cref="ISessionClients"/>.</summary>
    public static IServiceCollection AddGatewaySessions(this IServiceCollection services)
    {
        services.AddSingleton<ClusterCalls>();
        services.AddSingleton<SessionGrains>();
        services.AddSingleton<RelayedRevisions>();
        services.AddSingleton<SessionRelay>();
        services.AddSingleton<GatewayObserver>();
        services.AddSingleton<LocalSessions>();
        services.AddSingleton<Reregistration>();
        services.AddSingleton<SessionSubscriptions>();
        services.AddSingleton<SessionCalls>();
        services.AddSingleton<GatewaySessions>();
        services.AddHostedService<GatewayLeaseRenewal>();
        return services;
    }
}
