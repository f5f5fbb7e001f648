namespace Interview.Client.Components;

/// <summary>Monaco's built-in themes: SPEC.md's vs-dark by default, with a light switch.</summary>
public static class EditorThemes
{
    public const string Dark = "vs-dark";
    public const string Light = "vs";
}
