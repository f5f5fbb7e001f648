using System.Collections.Concurrent;

namespace Interview.Gateway.Sessions;

/// <summary>
/// References to session grains, each made once. Orleans' <c>GetGrain</c> resolves the interface's grain
/// type by reflection (custom attributes) on every call: under the shared bench that was 2.4% of the
/// gateway's CPU, once per keystroke. A reference is a few dozen bytes and never goes stale (it names
/// the session, not an activation); past <see cref="MaxKept"/> the cache starts over.
/// </summary>
public sealed class SessionGrains(IGrainFactory grains)
{
    public const int MaxKept = 20_000;

    private readonly ConcurrentDictionary<Guid, ISessionGrain> _references = new();

    public ISessionGrain this[Guid sessionId]
    {
        get
        {
            if (_references.TryGetValue(sessionId, out var grain))
            {
                return grain;
            }

            if (_references.Count >= MaxKept)
            {
                _references.Clear();
            }

            return _references.GetOrAdd(sessionId, grains.GetGrain<ISessionGrain>(sessionId));
        }
    }
}
