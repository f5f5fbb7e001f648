using Interview.Shared.Contracts;

namespace Interview.Client.Activity;

/// <summary>
/// What a candidate's page reports (docs/protocol.md, "Roles, notes, ending and activity"): a paste into
/// the editor of text that this editor did not copy or cut in this tab, by its size only, and each absence
/// (the tab hidden or the window left) as one blur, then one focus with how long it lasted. Reports go out
/// one after another, in order.
/// </summary>
public sealed class CandidateActivity(Func<ActivityPayload, Task> report, TimeProvider clock)
{
    private string? _copied;
    private DateTimeOffset? _awaySince;
    private Task _reporting = Task.CompletedTask;

    /// <summary>The tab is away now (hidden, or the window left).</summary>
    public bool Away => _awaySince is not null;

    /// <summary>This editor's copy or cut put <paramref name="text"/> on the clipboard.</summary>
    public void Copied(string text) => _copied = Normalized(text);

    /// <summary>Text was pasted into the editor: reported unless it is what this editor copied.</summary>
    public void Pasted(string text)
    {
        if (text.Length == 0 || Normalized(text) == _copied)
        {
            return;
        }

        Report(new ActivityPayload(string.Empty, ActivityKinds.Paste, Capped(text.Length), Capped(LinesOf(text))));
    }

    /// <summary>Whether the tab is visible and its window focused, after any change of either.</summary>
    public void PresenceChanged(bool present)
    {
        var now = clock.GetUtcNow();
        if (!present && _awaySince is null)
        {
            _awaySince = now;
            Report(new ActivityPayload(string.Empty, ActivityKinds.Blur));
        }
        else if (present && _awaySince is { } since)
        {
            _awaySince = null;
            var away = (long)Math.Clamp((now - since).TotalMilliseconds, 0, ActivityKinds.MaxAwayMs);
            Report(new ActivityPayload(string.Empty, ActivityKinds.Focus, AwayMs: away));
        }
    }

    /// <summary>Lines as the editor shows them: a final line break opens no line of its own.</summary>
    public static int LinesOf(string text)
    {
        var breaks = text.Count(c => c == '\n');
        return text.EndsWith('\n') ? Math.Max(1, breaks) : breaks + 1;
    }

    private void Report(ActivityPayload activity) => _reporting = ReportAfterAsync(_reporting, activity);

    private async Task ReportAfterAsync(Task before, ActivityPayload activity)
    {
        await before;
        try
        {
            await report(activity);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TaskCanceledException or Microsoft.AspNetCore.SignalR.HubException)
        {
            // The connection dropped: the report is lost with it, the next one goes.
        }
    }

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static int Capped(int size) => Math.Min(size, ActivityKinds.MaxPasteSize);
}
