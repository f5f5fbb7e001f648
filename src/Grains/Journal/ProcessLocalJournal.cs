namespace Interview.Grains.Journal;

/// <summary>
/// The embedded default's journal: none. Grain state lives in this process's memory there, so whatever
/// would end the activation without a write (the process dying) takes the state with it anyway.
/// </summary>
public sealed class ProcessLocalJournal : ISessionJournal
{
    public Task AppendAsync(Guid sessionId, JournalEntry entry) => Task.CompletedTask;

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId) => Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    public Task TrimAsync(Guid sessionId, int keep) => Task.CompletedTask;

    public Task DeleteAsync(Guid sessionId) => Task.CompletedTask;
}
