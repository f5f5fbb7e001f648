namespace Interview.Client.Activity;

/// <summary>Where a candidate's page hears of pastes, copies and focus changes: the browser (wwwroot/js/activity.js), or a fake in tests.</summary>
public interface IActivityHost
{
    /// <summary>The editor <paramref name="editorId"/> is up: its pastes and copies, and the tab's focus, go to <paramref name="activity"/>.</summary>
    Task WatchAsync(string editorId, CandidateActivity activity);

    /// <summary>The page has gone: nothing more reaches <paramref name="activity"/>.</summary>
    void Unwatch(CandidateActivity activity);
}
