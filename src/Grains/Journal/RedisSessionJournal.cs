using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using StackExchange.Redis;

namespace Interview.Grains.Journal;

/// <summary>
/// The cluster's journal: one Redis list per session, and beside it the sequence number of its last
/// entry. An append is one script call, a few dozen bytes per keystroke; Orleans' grain storage has no
/// append, only whole-state writes, which is why this talks to Redis itself.
/// </summary>
public sealed class RedisSessionJournal(IConnectionMultiplexer redis, string keyPrefix, TimeSpan retention) : ISessionJournal
{
    // Appends only if the entry is the next in sequence. Orleans may briefly run a second activation of a
    // session while a silo hands it over or is declared dead; whichever appends second learns it here
    // and ends, so the journal never holds two changes for one place in the session's history.
    // With a recorded event (ARGV[4]) the same call records it (KEYS[3], KEYS[4]): journaled and recorded in one round trip.
    private const string AppendNext = RedisRecordingKeys.AppendLive + """
        local last = tonumber(redis.call('GET', KEYS[2]) or '0')
        if tonumber(ARGV[1]) ~= last + 1 then return last end
        redis.call('RPUSH', KEYS[1], ARGV[2])
        redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        if ARGV[4] ~= '' then record(KEYS[3], KEYS[4], ARGV[4]) end
        return -1
        """;

    private IDatabase Database => redis.GetDatabase();

    public async Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null)
    {
        var last = (long)await Database.ScriptEvaluateAsync(
            AppendNext,
            [Key(sessionId), SequenceKey(sessionId), RedisRecordingKeys.Head(keyPrefix, sessionId), RedisRecordingKeys.Events(keyPrefix, sessionId)],
            [entry.Sequence, entry.ToJson(), (long)retention.TotalMilliseconds, recorded is null ? string.Empty : RecordedEventJson.Write(recorded)]);
        if (last >= 0)
        {
            throw new JournalConflictException(sessionId, entry.Sequence, last);
        }
    }

    /// <summary>
    /// Every entry, numbered by the journal itself (its last number, counted back), not by the JSON they
    /// hold: the two are read in one transaction, and appends are consecutive.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId)
    {
        var read = Database.CreateTransaction();
        var listed = read.ListRangeAsync(Key(sessionId));
        var lastKept = read.StringGetAsync(SequenceKey(sessionId));
        await read.ExecuteAsync();
        var (values, last) = (await listed, (long?)await lastKept ?? 0);
        return [.. values.Select((value, index) => JournalEntry.Read((byte[]?)value ?? []) with { Sequence = last - values.Length + 1 + index })];
    }

    public Task TrimAsync(Guid sessionId, int keep) => Database.ListTrimAsync(Key(sessionId), -keep, -1);

    public Task DeleteAsync(Guid sessionId) => Database.KeyDeleteAsync([Key(sessionId), SequenceKey(sessionId)]);

    private RedisKey Key(Guid sessionId) => $"{keyPrefix}/journal/{sessionId:N}";

    private RedisKey SequenceKey(Guid sessionId) => $"{keyPrefix}/journal/{sessionId:N}/last";
}
