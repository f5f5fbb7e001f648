using Interview.Grains.Journal;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace Interview.Grains.Sessions;

/// <summary>
/// The journal (docs/architecture.md, "Durability and failover"): each change appended before it takes
/// effect, and on activation whatever it holds beyond the stored state replayed (Core/JournalReplay).
/// </summary>
public sealed partial class SessionGrain
{
    /// <summary>
    /// Appends a change before it takes effect, and <paramref name="recorded"/> with it to the recording
    /// in the same store call. If the append fails, nobody can know whether the journal
    /// kept it, or another activation of this session journaled first (JournalConflictException): either
    /// way this activation ends, and the next one replays whatever the journal holds, so the text never
    /// differs from the journal. The caller gets a transient error (an OrleansException, which gateways
    /// retry) and the retry, under the same (clientId, seq), reaches the next activation.
    /// </summary>
    private async Task JournalAsync(JournalEntry entry, RecordedEvent? recorded)
    {
        try
        {
            await journal.AppendAsync(Id, entry, recorded);
            Session.JournalSequence = entry.Sequence;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Journaling a change of session {SessionId} failed; this activation ends", Id);
            DeactivateOnIdle();
            throw new OrleansException($"Session {Id} could not journal a change ({exception.GetType().Name}); call again");
        }
    }

    /// <summary>The interview's end as the state has it; null while it goes on.</summary>
    private InterviewEnded? Ending() =>
        Session.EndedAt is { } at ? new InterviewEnded(Session.EndedBy ?? string.Empty, Session.EndedByName ?? string.Empty, at) : null;

    private async Task RecoverAsync()
    {
        var entries = await journal.ReadAsync(Id);
        var outcome = JournalReplay.Replay(Texts, Session.Language, Session.JournalSequence, entries, Ending());
        Session.Language = outcome.Language;
        Session.Input = outcome.Input ?? Session.Input;
        (Session.EndedAt, Session.EndedBy, Session.EndedByName) = (outcome.Ending?.At, outcome.Ending?.UserId, outcome.Ending?.Username);
        Session.JournalSequence = outcome.Applied;
        if (outcome.Stop is { } stop)
        {
            // Later appends continue after the journal's last entry, or each would conflict with it.
            logger.LogError(
                "Session {SessionId}'s journal {Problem}; replay stopped there, {Skipped} entries not replayed, the session goes on at revision {Revision}",
                Id, stop, outcome.Last - outcome.Applied, Sequencer.Revision);
            Session.JournalSequence = outcome.Last;
            _dirty = true;
        }

        if (outcome.Replayed > 0)
        {
            _dirty = true;
            logger.LogInformation("Session {SessionId} recovered {Count} journaled changes up to revision {Revision}", Id, outcome.Replayed, Sequencer.Revision);
        }
    }
}
