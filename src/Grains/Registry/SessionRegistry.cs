namespace Interview.Grains.Registry;

public static class SessionRegistry
{
    /// <summary>The registry is one grain for the whole cluster; its traffic is a few calls per session lifetime.</summary>
    public static ISessionRegistryGrain Get(IGrainFactory grains) => grains.GetGrain<ISessionRegistryGrain>(0);
}
