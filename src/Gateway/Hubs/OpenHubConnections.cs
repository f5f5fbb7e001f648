using Interview.Gateway.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hubs;

/// <summary>
/// MAX_CONNECTIONS_PER_IP again, over the hub connections that are open rather than the requests in
/// flight: a long-polling connection holds a request only while it polls, and one that polls for a moment
/// now and then lives on between polls, uncounted by <see cref="ConnectionsPerAddress"/>. A connection past
/// the limit is closed as it starts (an address that negotiated many at once); negotiate refuses with 429
/// once the address has its limit open. The Socket.IO door's connections count here too (<see cref="TryOpen"/>).
/// </summary>
public sealed class OpenHubConnections(IOptions<RateLimitOptions> options) : IHubFilter
{
    private readonly AddressCounts _open = new();

    public bool IsFull(string address) => _open.Of(address) >= options.Value.ConnectionsPerAddress;

    /// <summary>Counts a connection of another door (Socket.IO's) from the address, unless it has its limit open already.</summary>
    public bool TryOpen(string address) => _open.TryEnter(address, options.Value.ConnectionsPerAddress);

    /// <summary>The end of a connection <see cref="TryOpen"/> counted.</summary>
    public void Close(string address) => _open.Leave(address);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var http = context.Context.GetHttpContext();
        var address = http is null ? ClientAddress.KeyOf(null) : ClientAddress.Of(http);
        if (!_open.TryEnter(address, options.Value.ConnectionsPerAddress))
        {
            // Closed, not thrown: SignalR logs a failed OnConnectedAsync as an error, one line per attempt.
            context.Context.Abort();
            return;
        }

        context.Context.Items[typeof(OpenHubConnections)] = address;
        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            context.Context.Items.Remove(typeof(OpenHubConnections));
            _open.Leave(address);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            if (context.Context.Items.ContainsKey(typeof(OpenHubConnections)))
            {
                await next(context, exception); // a connection closed as it started never reached the hub
            }
        }
        finally
        {
            if (context.Context.Items.Remove(typeof(OpenHubConnections), out var address))
            {
                _open.Leave((string)address!);
            }
        }
    }
}
