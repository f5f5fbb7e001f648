namespace Interview.Grains.Sessions;

/// <summary>
/// Tells gateways apart by their observer's grain id: each call brings its own reference to the same
/// observer, and a gateway's connections are one lease however many references it sent.
/// </summary>
public sealed class GatewayIdentity : IEqualityComparer<ISessionObserver>
{
    public static readonly GatewayIdentity Instance = new();

    public bool Equals(ISessionObserver? x, ISessionObserver? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.GetGrainId() == y.GetGrainId());

    public int GetHashCode(ISessionObserver gateway) => gateway.GetGrainId().GetHashCode();
}
