using System.Collections.Concurrent;

namespace Interview.Load;

/// <summary>What one scenario run counts: keystroke-to-remote latency, messages each way, errors by code.</summary>
public sealed class Run
{
    private readonly ConcurrentDictionary<(string ClientId, long Seq), long> _sent = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _messagesIn;
    private long _messagesOut;

    public Latencies KeystrokeToRemote { get; } = new();
    public long MessagesIn => Interlocked.Read(ref _messagesIn);
    public long MessagesOut => Interlocked.Read(ref _messagesOut);
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Measuring starts after the warm-up: samples and counts before it are dropped.</summary>
    public bool Measuring { get; set; }

    public void OperationSent(string clientId, long seq, long typedAt)
    {
        _sent[(clientId, seq)] = typedAt;
        MessageIn();
    }

    public void OperationReceived(Interview.Shared.Contracts.OperationUpdate update) => Received(update.ClientId, update.Seq);

    /// <summary>An event at one client about another's change: one keystroke-to-remote sample when it is an edit this run sent.</summary>
    public void Received(string clientId, long seq)
    {
        if (!Measuring)
        {
            return;
        }

        Interlocked.Increment(ref _messagesOut);
        if (_sent.TryGetValue((clientId, seq), out var typedAt))
        {
            KeystrokeToRemote.Add(typedAt);
        }
    }

    public void MessageIn()
    {
        if (Measuring)
        {
            Interlocked.Increment(ref _messagesIn);
        }
    }

    public void Error(string code) => _errors.AddOrUpdate(code, 1, (_, count) => count + 1);
}
