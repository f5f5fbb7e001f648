using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using StackExchange.Redis;

namespace Interview.Grains.Journal;

/// <summary>
/// The cluster's recordings, in Redis beside the journal (RedisRecordingKeys); Redis's own expiry is the
/// retention. Text changes are recorded by RedisSessionJournal's append script.
/// </summary>
public sealed class RedisSessionRecordings(IConnectionMultiplexer redis, string keyPrefix) : ISessionRecordings
{
    private const string Record = RedisRecordingKeys.AppendLive + "return record(KEYS[1], KEYS[2], ARGV[1])";

    private const string Close = RedisRecordingKeys.AppendLive + """
        if record(KEYS[1], KEYS[2], ARGV[1]) == 0 then return 0 end
        if redis.call('HEXISTS', KEYS[1], 'ended') == 1 then return 1 end
        redis.call('HSET', KEYS[1], 'ended', ARGV[2], 'retain', ARGV[3])
        redis.call('PEXPIREAT', KEYS[1], ARGV[3])
        redis.call('PEXPIREAT', KEYS[2], ARGV[3])
        return 1
        """;

    private const string Tombstone = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'deleted', '1', 'code', '')
        redis.call('DEL', KEYS[2])
        return 1
        """;

    private IDatabase Database => redis.GetDatabase();

    public async Task StartAsync(Guid sessionId, RecordingHeader header)
    {
        var head = RedisRecordingKeys.Head(keyPrefix, sessionId);
        var start = Database.CreateTransaction();
        _ = start.HashSetAsync(head,
        [
            new("created", header.CreatedAt.ToUnixTimeMilliseconds()),
            new("code", header.Code),
            new("language", header.Language),
            new("key", header.InterviewerKeyHash),
            new("retain", header.RetainUntil.ToUnixTimeMilliseconds()),
            new("deleted", "0"),
        ]);
        _ = start.KeyExpireAsync(head, header.RetainUntil.UtcDateTime);
        await start.ExecuteAsync();
    }

    public Task RecordAsync(Guid sessionId, RecordedEvent recorded) =>
        Database.ScriptEvaluateAsync(Record, Keys(sessionId), [RecordedEventJson.Write(recorded)]);

    public Task CloseAsync(Guid sessionId, DateTimeOffset at, DateTimeOffset retainUntil, RecordedEvent ended) =>
        Database.ScriptEvaluateAsync(Close, Keys(sessionId), [RecordedEventJson.Write(ended), at.ToUnixTimeMilliseconds(), retainUntil.ToUnixTimeMilliseconds()]);

    public async Task<RecordingSlice?> ReadAsync(Guid sessionId, long from, int maxEvents, int maxBytes)
    {
        var keys = Keys(sessionId);
        var read = Database.CreateTransaction();
        var head = read.HashGetAllAsync(keys[0]);
        var total = read.ListLengthAsync(keys[1]);
        var listed = maxEvents > 0 ? read.ListRangeAsync(keys[1], from, from + maxEvents - 1) : Task.FromResult(Array.Empty<RedisValue>()); // (0, -1) would be all
        await read.ExecuteAsync();
        var fields = (await head).ToDictionary(entry => entry.Name.ToString(), entry => entry.Value);
        if (!fields.TryGetValue("created", out var created))
        {
            return null;
        }

        var header = new RecordingHeader(
            DateTimeOffset.FromUnixTimeMilliseconds((long)created), fields["code"].ToString(), fields["language"].ToString(), (byte[])fields["key"]!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields["retain"]),
            fields.TryGetValue("ended", out var ended) ? DateTimeOffset.FromUnixTimeMilliseconds((long)ended) : null,
            fields["deleted"] == "1");
        var (events, bytes) = (new List<byte[]>(), 0);
        foreach (var value in await listed)
        {
            var json = (byte[])value!;
            if (events.Count > 0 && bytes + json.Length > maxBytes)
            {
                break;
            }

            events.Add(json);
            bytes += json.Length;
        }

        return new RecordingSlice(header, from, header.Deleted ? [] : events, header.Deleted ? 0 : await total);
    }

    public async Task<bool> DeleteAsync(Guid sessionId) => (long)await Database.ScriptEvaluateAsync(Tombstone, Keys(sessionId)) == 1;

    private RedisKey[] Keys(Guid sessionId) => [RedisRecordingKeys.Head(keyPrefix, sessionId), RedisRecordingKeys.Events(keyPrefix, sessionId)];
}
