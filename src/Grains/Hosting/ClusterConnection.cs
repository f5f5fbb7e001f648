namespace Interview.Grains.Hosting;

/// <summary>A gateway's view of its link to the cluster, as the Orleans client reports it: how many silo gateways it reaches.</summary>
public sealed class ClusterConnection : IClusterConnectionStatusObserver
{
    private volatile int _gateways = -1; // not reported yet: the client's start-up itself waits until it is connected

    public bool IsConnected => _gateways != 0;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        _gateways = currentNumberOfGateways;

    public void NotifyClusterConnectionLost() => _gateways = 0;
}
