using StackExchange.Redis;

namespace Interview.Grains.Journal;

/// <summary>
/// A recording's two Redis keys (docs/protocol.md, "Recording and playback"): a hash of its header (created,
/// code, language, key, ended, retain, deleted) and a list of its events; both expire at "retain".
/// </summary>
public static class RedisRecordingKeys
{
    /// <summary>
    /// Appends ARGV[1] to the events (KEYS[2]) of a live recording (KEYS[1]); 1 if it did, 0 for a deleted
    /// recording or none. The events list expires with its header.
    /// </summary>
    public const string AppendLive = """
        local function record(head, events, json)
          if redis.call('HGET', head, 'deleted') ~= '0' then return 0 end
          redis.call('RPUSH', events, json)
          redis.call('PEXPIREAT', events, redis.call('HGET', head, 'retain'))
          return 1
        end
        """ + "\n"; // a raw literal ends without its last newline: what follows goes on the next line

    public static RedisKey Head(string prefix, Guid sessionId) => $"{prefix}/recording/{sessionId:N}";

    public static RedisKey Events(string prefix, Guid sessionId) => $"{prefix}/recording/{sessionId:N}/events";
}
