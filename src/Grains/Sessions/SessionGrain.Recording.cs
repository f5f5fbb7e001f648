using Interview.Grains.Recording;
using Interview.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Sessions;

/// <summary>
/// The recording (docs/protocol.md, "Recording and playback"). Text changes and language changes are
/// recorded by the journal's append itself (JournalAsync); joins, leaves, role changes, runs, activity
/// and the end here, before anyone hears of them. Reading and deleting go through RecordingGrain, never
/// through the session: a long read must not hold up its keystrokes.
/// </summary>
public sealed partial class SessionGrain
{
    private TimeSpan RecordingRetention => recordingOptions.Value.Retention;

    /// <summary>Kept while the session can live, and the retention after that.</summary>
    private Task StartRecordingAsync(SessionState started) => recordings.StartAsync(Id, new RecordingHeader(
        started.CreatedAt, started.Code, started.Language, started.InterviewerKeyHash, started.CreatedAt + _options.MaxSessionDuration + RecordingRetention));

    /// <summary>
    /// Records an event that is not a text change. A store that fails here costs the recording this one
    /// event, not the session its join or run: the failure is logged and the session goes on (a text
    /// change, journaled and recorded in one append, never goes unrecorded).
    /// </summary>
    private async Task RecordAsync(RecordedEvent recorded)
    {
        try
        {
            await recordings.RecordAsync(Id, recorded);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Session {SessionId} could not record its {Type} event", Id, recorded.Type);
        }
    }

    /// <summary>The interview ended or the session expired: the recording is kept for the retention from now on.</summary>
    private async Task CloseRecordingAsync(RecordedEvent ended)
    {
        try
        {
            await recordings.CloseAsync(Id, ended.At, ended.At + RecordingRetention, ended);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Session {SessionId} could not close its recording; it is kept until its first deadline", Id);
        }
    }
}
