using Interview.Grains.Recording;
using Interview.Shared.Contracts;

namespace Interview.Grains.Journal;

/// <summary>
/// No journal, for silos with grain state in this process's memory (InterviewSilo.UseInMemoryStorage, in
/// tests): whatever would end the activation without a write (the process dying) takes the state with it
/// anyway. Text changes are recorded in ProcessLocalRecordings as they would be appended. The embedded default journals to its store on disk (Storage/SqliteSessionJournal).
/// </summary>
public sealed class ProcessLocalJournal(ProcessLocalRecordings recordings) : ISessionJournal
{
    public Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null)
    {
        if (recorded is not null)
        {
            recordings.Append(sessionId, RecordedEventJson.Write(recorded));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId) => Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    public Task TrimAsync(Guid sessionId, int keep) => Task.CompletedTask;

    public Task DeleteAsync(Guid sessionId) => Task.CompletedTask;
}
