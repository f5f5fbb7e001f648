namespace Interview.Grains.Sessions.Core;

/// <summary>Session lifetime settings: SESSION_TIMEOUT and MAX_SESSION_DURATION (docs/protocol.md, "Session lifetime").</summary>
public sealed class SessionLifetimeOptions
{
    /// <summary>An empty session expires this long after its last activity.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Every session expires this long after it was created.</summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often an active session checks its deadline and writes pending state.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A gateway that has not renewed its listener for this long is taken as gone, with its connections.</summary>
    public TimeSpan GatewayLease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the session registry sweeps overdue sessions and writes its state.</summary>
    public TimeSpan RegistrySweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A session's stored state outlives its end by this long, so its link says "expired", not "not found".</summary>
    public static readonly TimeSpan ExpiredSessionRetention = TimeSpan.FromDays(1);

    /// <summary>Gateways renew well within the lease.</summary>
    public TimeSpan GatewayRenewPeriod => GatewayLease / 3;
}
