using System.Collections.Concurrent;
using Interview.Shared.Contracts;

namespace Interview.Grains.Recording;

/// <summary>
/// Recordings in this process's memory, for silos whose sessions live there too (InterviewSilo.UseInMemoryStorage,
/// in tests): what a restart loses of the sessions it loses of their recordings. The journal beside it
/// (ProcessLocalJournal) records text changes here as it "appends" them.
/// </summary>
public sealed class ProcessLocalRecordings(TimeProvider clock) : ISessionRecordings
{
    private readonly ConcurrentDictionary<Guid, Recorded> _recordings = new();

    public Task StartAsync(Guid sessionId, RecordingHeader header)
    {
        _recordings[sessionId] = new Recorded(header);
        return Task.CompletedTask;
    }

    public Task RecordAsync(Guid sessionId, RecordedEvent recorded)
    {
        Append(sessionId, RecordedEventJson.Write(recorded));
        return Task.CompletedTask;
    }

    public Task CloseAsync(Guid sessionId, DateTimeOffset at, DateTimeOffset retainUntil, RecordedEvent ended)
    {
        if (Live(sessionId) is { } recording)
        {
            lock (recording)
            {
                recording.Events.Add(RecordedEventJson.Write(ended));
                recording.Header = recording.Header.EndedAt is null ? recording.Header with { EndedAt = at, RetainUntil = retainUntil } : recording.Header;
            }
        }

        return Task.CompletedTask;
    }

    public Task<RecordingSlice?> ReadAsync(Guid sessionId, long from, int maxEvents, int maxBytes)
    {
        if (Kept(sessionId) is not { } recording)
        {
            return Task.FromResult<RecordingSlice?>(null);
        }

        lock (recording)
        {
            var events = new List<byte[]>();
            var bytes = 0;
            for (var i = from; i < recording.Events.Count && events.Count < maxEvents && (events.Count == 0 || bytes + recording.Events[(int)i].Length <= maxBytes); i++)
            {
                events.Add(recording.Events[(int)i]);
                bytes += recording.Events[(int)i].Length;
            }

            return Task.FromResult<RecordingSlice?>(new RecordingSlice(recording.Header, from, events, recording.Events.Count));
        }
    }

    public Task<bool> DeleteAsync(Guid sessionId)
    {
        if (Kept(sessionId) is not { } recording)
        {
            return Task.FromResult(false);
        }

        lock (recording)
        {
            recording.Events.Clear();
            recording.Header = recording.Header with { Deleted = true, Code = string.Empty };
        }

        return Task.FromResult(true);
    }

    /// <summary>Appends an event's JSON to a live recording (the journal's append calls this).</summary>
    public void Append(Guid sessionId, byte[] json)
    {
        if (Live(sessionId) is { } recording)
        {
            lock (recording)
            {
                recording.Events.Add(json);
            }
        }
    }

    /// <summary>A recording within its retention (deleted or not); one past it is forgotten here.</summary>
    private Recorded? Kept(Guid sessionId)
    {
        if (!_recordings.TryGetValue(sessionId, out var recording))
        {
            return null;
        }

        if (recording.Header.RetainUntil > clock.GetUtcNow())
        {
            return recording;
        }

        _recordings.TryRemove(sessionId, out _);
        return null;
    }

    private Recorded? Live(Guid sessionId) => Kept(sessionId) is { Header.Deleted: false } recording ? recording : null;

    private sealed class Recorded(RecordingHeader header)
    {
        public RecordingHeader Header { get; set; } = header;
        public List<byte[]> Events { get; } = [];
    }
}
