using Interview.Grains.Journal;

namespace Interview.Grains.Sessions.Core;

/// <summary>
/// Replays what the journal holds beyond the stored state onto a sequencer, and refills its history
/// (docs/architecture.md, "Durability and failover"). An entry that does not apply stops the replay
/// (everything after it was made on top of it) and says why; the session goes on from the text before
/// it: refused at write, this only meets entries of an older version or a changed store, and it must
/// never make the session unloadable.
/// </summary>
public static class JournalReplay
{
    /// <param name="stored">The last entry the stored state holds.</param>
    /// <param name="ending">The interview's end as the stored state has it, if it was ended.</param>
    public static ReplayOutcome Replay(SessionTexts texts, string language, long stored, IEnumerable<JournalEntry> entries, InterviewEnded? ending = null)
    {
        var (replayed, last, applied) = (0, stored, stored);
        string? stop = null;
        string? input = null; // the program input as the replayed entries leave it; null: as the stored state has it
        var kept = (Code: new List<OperationUpdate>(), Notes: new List<OperationUpdate>()); // what the stored state already holds, for the histories
        foreach (var entry in entries)
        {
            var sequence = entry.Sequence; // the journal's own numbering, not what the entry says of itself
            last = Math.Max(last, sequence);
            if (stop is not null)
            {
                continue;
            }

            var sequencer = texts.Of(entry.Document);
            var update = entry.Operation is { } operation
                ? new OperationUpdate(entry.Revision, operation, entry.UserId, entry.ClientId, entry.Seq, sequencer.Document)
                : null;
            if (sequence <= stored)
            {
                if (update is not null && entry.Problem is null && entry.Revision <= sequencer.Revision)
                {
                    (sequencer == texts.Notes ? kept.Notes : kept.Code).Add(update);
                }

                continue;
            }

            KeepHistory(texts.Code, kept.Code);
            KeepHistory(texts.Notes, kept.Notes);
            if (Problem(sequencer, entry) is { } problem)
            {
                stop = $"entry {sequence} (after revision {sequencer.Revision}) {problem}";
                continue;
            }

            if (update is not null)
            {
                sequencer.Apply(new Ready(update));
            }

            language = entry.Language ?? language;
            input = entry.Input ?? input;
            if (entry.EndedAt is { } endedAt)
            {
                ending ??= new InterviewEnded(entry.UserId, entry.Username ?? string.Empty, endedAt);
            }

            applied = sequence;
            replayed++;
        }

        KeepHistory(texts.Code, kept.Code);
        KeepHistory(texts.Notes, kept.Notes);
        return new ReplayOutcome(language, applied, last, replayed, stop, ending, input);
    }

    /// <summary>
    /// Operations the stored text already includes go into the history as far back as they chain into
    /// it: each one's result is as long as the next one's base, the last one's as the text. An entry
    /// changed in the store breaks the chain, and the history starts after it, so a rejoining tab is
    /// never sent operations that do not lead to the text it is given.
    /// </summary>
    private static void KeepHistory(Sequencer sequencer, List<OperationUpdate> kept)
    {
        if (kept.Count == 0)
        {
            return;
        }

        var (length, revision, first) = (sequencer.Length, sequencer.Revision, kept.Count);
        for (var i = kept.Count - 1; i >= 0 && kept[i].Revision == revision && kept[i].Operation.TargetLength == length; i--)
        {
            (length, revision, first) = (kept[i].Operation.BaseLength, revision - 1, i);
        }

        foreach (var update in kept.Skip(first))
        {
            sequencer.History.Add(update);
        }

        kept.Clear();
    }

    /// <summary>Why a journal entry cannot be replayed onto the session as it is now, or null.</summary>
    private static string? Problem(Sequencer sequencer, JournalEntry entry)
    {
        if (entry.Problem is { } unreadable)
        {
            return $"cannot be read: {unreadable}";
        }

        if (entry.Document is not (null or Documents.Notes))
        {
            return $"names an unknown document '{entry.Document}'";
        }

        if (entry.Language is { } language && !Languages.IsKnown(language))
        {
            return $"names an unknown language '{language}'";
        }

        if (entry.Input is { } input && !Limits.InputFits(input))
        {
            return $"holds a program input over {Limits.MaxInputBytes} bytes";
        }

        if (entry.Operation is not { } operation)
        {
            return null;
        }

        if (entry.Revision != sequencer.Revision + 1)
        {
            return $"skips to revision {entry.Revision}";
        }

        try
        {
            return sequencer.Utf8BytesAfter(operation) > Limits.MaxCodeBytes ? $"would make the code exceed {Limits.MaxCodeBytes} bytes" : null;
        }
        catch (TextOperationException exception)
        {
            return $"does not apply: {exception.Message}";
        }
    }
}

/// <summary>
/// What a replay came to: the language after it, the last entry applied (<see cref="Applied"/>) and the
/// journal's last (<see cref="Last"/>), how many were replayed, where and why it stopped, if it did, and
/// the interview's end, if it was ended, and the program input the replayed entries changed it to (null when they did not).
/// </summary>
public sealed record ReplayOutcome(string Language, long Applied, long Last, int Replayed, string? Stop, InterviewEnded? Ending = null, string? Input = null);
