namespace Interview.Grains.Sessions.Core;

/// <summary>The session's language changed, by whom.</summary>
[GenerateSerializer, Immutable, Alias("interview.language-changed")]
public sealed record LanguageChanged([property: Id(0)] string Language, [property: Id(1)] string UserId) : SessionChange;
