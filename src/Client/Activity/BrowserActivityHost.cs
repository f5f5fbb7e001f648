using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Interview.Client.Activity;

/// <summary>The browser's side of <see cref="CandidateActivity"/>: wwwroot/js/activity.js listens, these exports hear it.</summary>
[SupportedOSPlatform("browser")]
public sealed partial class BrowserActivityHost : IActivityHost
{
    private const string Module = "interview-activity";
    private static CandidateActivity? _watched;

    public async Task WatchAsync(string editorId, CandidateActivity activity)
    {
        await JSHost.ImportAsync(Module, "../js/activity.js");
        _watched = activity;
        await Watch(editorId);
    }

    public void Unwatch(CandidateActivity activity)
    {
        if (_watched == activity)
        {
            _watched = null;
            StopWatching();
        }
    }

    [JSExport]
    public static void Copied(string text) => _watched?.Copied(text);

    [JSExport]
    public static void Pasted(string text) => _watched?.Pasted(text);

    [JSExport]
    public static void Presence(bool present) => _watched?.PresenceChanged(present);

    [JSImport("watch", Module)]
    private static partial Task Watch(string editorId);

    [JSImport("unwatch", Module)]
    private static partial void StopWatching();
}
