using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Interview.Load;

/// <summary>
/// Network latency on loopback: a TCP proxy in front of the gateway that holds every chunk of bytes
/// for the given time in each direction, in order, as a link with that one-way delay would.
/// </summary>
public sealed class DelayProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();

    public DelayProxy(Uri target, TimeSpan delay)
    {
        (_target, _delay) = (target, delay);
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ConnectAsync(client);
        }
    }

    private async Task ConnectAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            await server.ConnectAsync(_target.Host, _target.Port);
            await using var front = client.GetStream();
            await using var back = server.GetStream();
            await Task.WhenAny(PipeAsync(front, back), PipeAsync(back, front));
        }
    }

    private async Task PipeAsync(Stream from, Stream to)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Bytes)>();
        var writing = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in chunks.Reader.ReadAllAsync(_stop.Token))
            {
                var wait = TimeSpan.FromTicks(due - DateTime.UtcNow.Ticks);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token);
                }

                await to.WriteAsync(bytes, _stop.Token);
            }
        });
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                chunks.Writer.TryWrite((DateTime.UtcNow.Ticks + _delay.Ticks, buffer[..read]));
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
        }

        chunks.Writer.TryComplete();
        await writing.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
