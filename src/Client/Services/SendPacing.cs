using System.Globalization;
using Interview.Shared.Validation;
using Microsoft.Extensions.Configuration;

namespace Interview.Client.Services;

/// <summary>
/// Keeps this tab inside the server's budgets per connection (MAX_MESSAGES_PER_MINUTE for control
/// messages, MAX_OPERATIONS_PER_MINUTE for edits and cursor moves) by waiting, never by dropping: while
/// an edit waits, the OT client composes the typing that follows into what it sends next, and the
/// cursor loop keeps only the latest position. A tenth of each budget is left as margin for the time
/// messages spend on the way.
/// </summary>
public sealed class SendPacing(int messagesPerMinute, int operationsPerMinute, TimeProvider clock)
{
    public const string Section = "Limits";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly RateWindow _messages = new(WithMargin(messagesPerMinute), Window);
    private readonly RateWindow _operations = new(WithMargin(operationsPerMinute), Window);
    private readonly Lock _gate = new();

    /// <summary>The server's defaults, for a client that was not told otherwise.</summary>
    public static SendPacing Default(TimeProvider clock) => new(100, 1200, clock);

    /// <summary>The "Limits" section the gateway answers in appsettings.json, falling back to the defaults.</summary>
    public static SendPacing From(IConfiguration configuration, TimeProvider clock)
    {
        var section = configuration.GetSection(Section);
        return new SendPacing(Read(section["MessagesPerMinute"], 100), Read(section["OperationsPerMinute"], 1200), clock);
    }

    public Task BeforeMessageAsync() => WaitForAsync(_messages);

    public Task BeforeOperationAsync() => WaitForAsync(_operations);

    private async Task WaitForAsync(RateWindow window)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (window.TryTake(string.Empty, clock.GetUtcNow(), out wait))
                {
                    return;
                }
            }

            await Task.Delay(wait, clock);
        }
    }

    private static int WithMargin(int limit) => Math.Max(1, limit - Math.Max(1, limit / 10));

    private static int Read(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : fallback;
}
