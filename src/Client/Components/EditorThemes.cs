namespace Interview.Client.Components;

/// <summary>Monaco's built-in themes: vs-dark by default, with a light switch (docs/architecture.md, "The client").</summary>
public static class EditorThemes
{
    public const string Dark = "vs-dark";
    public const string Light = "vs";
}
