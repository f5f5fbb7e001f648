using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Interview.Gateway.Tests;

/// <summary>
/// What a test gateway logs, kept in memory beside its console: our own categories from information up
/// (what LOG_LEVEL=info would print), the frameworks' from warnings up, whatever LOG_LEVEL the gateway
/// has. Tests mark where they start and read what came after.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private const int Kept = 20_000;

    private readonly ConcurrentQueue<Entry> _entries = new();
    private long _count;

    public sealed record Entry(long Number, LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " + " + Exception.GetType().Name)}";
    }

    /// <summary>Adds this provider to a gateway's services, with its own levels.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.AddFilter<CapturedLog>(null, LogLevel.Information);
            foreach (var framework in new[] { "Orleans", "Polly", "Microsoft", "System" })
            {
                filters.AddFilter<CapturedLog>(framework, LogLevel.Warning);
            }
        });
    }

    /// <summary>Where the log stands now: pass it to <see cref="Since"/>.</summary>
    public long Mark() => Interlocked.Read(ref _count);

    public IReadOnlyList<Entry> Since(long mark) => _entries.Where(entry => entry.Number > mark).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message, Exception? exception)
    {
        _entries.Enqueue(new Entry(Interlocked.Increment(ref _count), level, category, message, exception));
        while (_entries.Count > Kept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(logLevel, category, formatter(state, exception), exception);
    }
}
