namespace Interview.Grains.Sessions.Core;

/// <summary>
/// The session's recent operations, for transforming late submissions, catching up rejoining clients and
/// applying each (clientId, seq) at most once. Bounded in count and in characters; a client whose
/// revision is older than what is kept must resynchronise. Rebuilt on activation from the journal and
/// the stored last operation of each tab.
/// </summary>
public sealed class OperationHistory(int maxCount = OperationHistory.DefaultMaxCount, long maxCharacters = 1_000_000)
{
    public const int DefaultMaxCount = 1000;

    /// <summary>
    /// How many tabs' last operations are kept beyond those the history still holds (and stored with the
    /// session); the longest idle are forgotten first, so churning client ids cannot grow a session.
    /// </summary>
    public const int MaxClientsKept = 1000;

    // Consecutive revisions, oldest first, from _start on: revision r is at _start + (r - first). Found by
    // index, not by scanning: every submission asks for the few operations since its revision.
    private readonly List<OperationUpdate> _entries = [];
    private int _start;
    private readonly Dictionary<string, (long Seq, long Revision, string? UserId)> _lastByClient = new(StringComparer.Ordinal);
    private long _characters;

    public int Count => _entries.Count - _start;

    /// <summary>How many tabs' last operations are remembered.</summary>
    public int ClientCount => _lastByClient.Count;

    /// <summary>Each tab's last applied operation, for the session's stored state.</summary>
    public Dictionary<string, ClientProgress> Clients() =>
        _lastByClient.OrderByDescending(client => client.Value.Revision).Take(MaxClientsKept)
            .ToDictionary(client => client.Key, client => new ClientProgress(client.Value.Seq, client.Value.Revision, client.Value.UserId), StringComparer.Ordinal);

    /// <summary>The last seq of this client's the session applied, while it is remembered.</summary>
    public long? LastSeqOf(string clientId) => _lastByClient.TryGetValue(clientId, out var last) ? last.Seq : null;

    public void RestoreClients(IReadOnlyDictionary<string, ClientProgress> clients)
    {
        foreach (var (clientId, progress) in clients)
        {
            _lastByClient[clientId] = (progress.Seq, progress.Revision, progress.UserId);
        }
    }

    /// <summary>The operations after <paramref name="revision"/> up to <paramref name="head"/>, or null when they are no longer all kept.</summary>
    public IReadOnlyList<OperationUpdate>? Since(long revision, long head)
    {
        if (revision == head)
        {
            return [];
        }

        if (revision > head || Count == 0 || _entries[_start].Revision > revision + 1 || _entries[^1].Revision < head)
        {
            return null;
        }

        var from = _start + (int)(revision + 1 - _entries[_start].Revision);
        return _entries.GetRange(from, _entries.Count - from);
    }

    /// <summary>
    /// Whether this client's operation number is new, or was applied (and at which revision). A client id
    /// belongs to the user whose operation first carried it: anyone else's use of it is refused, since
    /// every operation event shows other tabs' ids, and taking one over would make the owner's next
    /// edits look like repeats (acknowledged, never applied). A client
    /// numbers its operations upwards and sends the next only after the last was applied, so a number
    /// at or below its last one is a repeat; its answer is found while the history still holds it.
    /// </summary>
    public SubmissionCheck Check(string clientId, long seq, string userId)
    {
        if (_lastByClient.TryGetValue(clientId, out var owner) && owner.UserId is { } known && known != userId)
        {
            return SubmissionCheck.Foreign; // another participant's tab: its numbers are not theirs to use
        }

        if (!_lastByClient.TryGetValue(clientId, out var last) || seq > last.Seq)
        {
            return SubmissionCheck.New;
        }

        if (seq == last.Seq)
        {
            return SubmissionCheck.Applied(last.Revision);
        }

        for (var i = _start; i < _entries.Count; i++)
        {
            if (_entries[i].ClientId == clientId && _entries[i].Seq == seq)
            {
                return SubmissionCheck.Applied(_entries[i].Revision);
            }
        }

        return SubmissionCheck.Stale;
    }

    public void Add(OperationUpdate entry)
    {
        if (Count > 0 && entry.Revision != _entries[^1].Revision + 1)
        {
            (_start, _characters) = (0, 0); // not the next revision: the history starts again from here
            _entries.Clear();
        }

        _entries.Add(entry);
        _characters += Size(entry.Operation);
        if (entry.ClientId.Length > 0)
        {
            _lastByClient[entry.ClientId] = (entry.Seq, entry.Revision, entry.UserId);
        }

        while (Count > maxCount || (_characters > maxCharacters && Count > 1))
        {
            _characters -= Size(_entries[_start++].Operation);
        }

        if (_start > maxCount && _start > _entries.Count / 2)
        {
            _entries.RemoveRange(0, _start);
            _start = 0;
        }

        if (_lastByClient.Count > 2 * MaxClientsKept + Count)
        {
            ForgetDepartedClients();
        }
    }

    /// <summary>
    /// Forgets the longest idle tabs whose last operation the history no longer holds, down to
    /// <see cref="MaxClientsKept"/> of them. Safe: a resend of a forgotten tab's operation was made against
    /// a revision before the history's first, so it is answered RESYNC_REQUIRED, never applied again.
    /// </summary>
    private void ForgetDepartedClients()
    {
        var firstKept = Count > 0 ? _entries[_start].Revision : long.MaxValue;
        var departed = _lastByClient.Where(client => client.Value.Revision < firstKept)
            .OrderBy(client => client.Value.Revision).Select(client => client.Key).ToList();
        foreach (var clientId in departed.Take(departed.Count - MaxClientsKept))
        {
            _lastByClient.Remove(clientId);
        }
    }

    private static long Size(TextOperation operation)
    {
        long size = operation.Components.Count;
        foreach (var component in operation.Components)
        {
            size += component.IsInsert ? component.Count : 0;
        }

        return size;
    }
}
