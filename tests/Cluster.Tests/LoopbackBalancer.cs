using System.Net;
using System.Net.Sockets;

namespace Interview.Cluster.Tests;

/// <summary>
/// What a Kubernetes Service does for the gateways, on loopback: a TCP port that forwards each new
/// connection to the first backend that accepts it. A browser behind it reconnects to whichever gateway lives.
/// </summary>
public sealed class LoopbackBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<int> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackBalancer(params int[] backendPorts)
    {
        _backends = backendPorts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using var backend = await ConnectToFirstLiveAsync();
            if (backend is null)
            {
                return;
            }

            await using var front = client.GetStream();
            await using var back = backend.GetStream();

            // When either side closes, both go: a dead gateway's browsers see their connection drop.
            await Task.WhenAny(front.CopyToAsync(back, _stop.Token), back.CopyToAsync(front, _stop.Token));
        }
    }

    private async Task<TcpClient?> ConnectToFirstLiveAsync()
    {
        foreach (var port in _backends)
        {
            var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                return backend;
            }
            catch (SocketException)
            {
                backend.Dispose();
            }
        }

        return null;
    }
}
