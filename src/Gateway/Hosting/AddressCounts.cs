using System.Collections.Concurrent;

namespace Interview.Gateway.Hosting;

/// <summary>How many of something (TCP connections, hub connections) each client address has open, against a limit.</summary>
public sealed class AddressCounts
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Of(string address) => _open.GetValueOrDefault(address);

    /// <summary>Counts one more for the address, unless that would take it past <paramref name="limit"/>.</summary>
    public bool TryEnter(string address, int limit)
    {
        if (_open.AddOrUpdate(address, 1, (_, open) => open + 1) <= limit)
        {
            return true;
        }

        Leave(address);
        return false;
    }

    /// <summary>One fewer; an address with none open is forgotten, so the table holds only addresses in use.</summary>
    public void Leave(string address)
    {
        if (_open.AddOrUpdate(address, 0, (_, open) => open - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }
}
