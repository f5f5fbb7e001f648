namespace Interview.Grains.Sessions.Core;

/// <summary>Each user's color: the first of the palette nobody present has, or one shared once all are taken.</summary>
public static class ParticipantColors
{
    public static readonly IReadOnlyList<string> Palette =
        ["#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2", "#d19a66", "#be5046", "#7f848e", "#f472b6"];

    public static string Next(IReadOnlyCollection<Participant> present)
    {
        foreach (var color in Palette)
        {
            if (!present.Any(u => u.Color == color))
            {
                return color;
            }
        }

        return Palette[present.Count % Palette.Count];
    }
}
