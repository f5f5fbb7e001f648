namespace Interview.Grains.Sessions.Core;

/// <summary>
/// A gateway's hold on its connections in a session: renewed by its joins and its periodic renewal,
/// on the machine's clock (transport liveness, not session time).
/// </summary>
internal sealed class GatewayLease<TGateway>(TGateway gateway, TimeProvider clock)
{
    private long _renewedAt = clock.GetTimestamp();

    public TGateway Gateway { get; } = gateway;
    public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);
    public TimeSpan Age => clock.GetElapsedTime(_renewedAt);

    public void Renew() => _renewedAt = clock.GetTimestamp();
}
