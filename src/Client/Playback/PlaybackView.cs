using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Interview.Client.Playback;

/// <summary>The playback page's editor in the browser (wwwroot/js/playback.js), behind IPlaybackView so bUnit tests can fake it.</summary>
[SupportedOSPlatform("browser")]
public sealed partial class PlaybackView : IPlaybackView
{
    private const string Module = "interview-playback";

    public async Task OpenAsync(string id, string language, string theme)
    {
        await JSHost.ImportAsync(Module, "../js/playback.js");
        Open(id, language, theme);
    }

    public void Colours(IReadOnlyList<RecordingParticipant> authors) =>
        ColoursJs(JsonSerializer.Serialize(authors.Select((p, i) => new object[] { i, SafeColour(p.Color) })));

    /// <summary>The runs go as one array of numbers, length and author by turns: thousands of them as JSON cost a seek tens of milliseconds.</summary>
    public void Show(string id, AuthoredText text, string language)
    {
        var runs = new int[text.Runs.Count * 2];
        for (var i = 0; i < text.Runs.Count; i++)
        {
            (runs[2 * i], runs[2 * i + 1]) = (text.Runs[i].Length, text.Runs[i].Author);
        }

        ShowJs(id, text.Text, language, runs);
    }

    public double Width(string id) => WidthJs(id);

    public double Left(string id) => LeftJs(id);

    public void Close(string id) => CloseJs(id);

    /// <summary>A participant's colour goes into a style sheet: only #rrggbb gets there.</summary>
    private static string SafeColour(string colour) =>
        colour.Length == 7 && colour[0] == '#' && colour[1..].All(Uri.IsHexDigit) ? colour : "#888888";

    [JSImport("open", Module)]
    private static partial void Open(string id, string language, string theme);

    [JSImport("colours", Module)]
    private static partial void ColoursJs(string authors);

    [JSImport("show", Module)]
    private static partial void ShowJs(string id, string text, string language, [JSMarshalAs<JSType.Array<JSType.Number>>] int[] runs);

    [JSImport("width", Module)]
    private static partial double WidthJs(string id);

    [JSImport("left", Module)]
    private static partial double LeftJs(string id);

    [JSImport("close", Module)]
    private static partial void CloseJs(string id);
}

/// <summary>What the playback page needs of the browser.</summary>
public interface IPlaybackView
{
    Task OpenAsync(string id, string language, string theme);

    void Colours(IReadOnlyList<RecordingParticipant> authors);

    void Show(string id, AuthoredText text, string language);

    double Width(string id);

    /// <summary>Where the element starts, in the page's client coordinates (a pointer's ClientX is in them).</summary>
    double Left(string id);

    void Close(string id);
}
