namespace Interview.Gateway.Sessions;

/// <summary>This gateway's observer reference, which every join hands the session: its relay, made once.</summary>
public sealed class GatewayObserver(IGrainFactory grains, SessionRelay relay)
{
    private readonly Lazy<ISessionObserver> _reference = new(() => grains.CreateObjectReference<ISessionObserver>(relay));

    public ISessionObserver Reference => _reference.Value;
}
