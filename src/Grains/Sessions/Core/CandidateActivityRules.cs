namespace Interview.Grains.Sessions.Core;

/// <summary>What an activity report may be (docs/protocol.md, "Roles, notes, ending and activity"): a known kind, with only its own fields, in range.</summary>
public static class CandidateActivityRules
{
    public static ErrorPayload? Problem(CandidateActivity activity) => activity switch
    {
        { Kind: var kind } when !ActivityKinds.IsKnown(kind) =>
            SessionErrors.InvalidField("kind", $"Unknown activity kind '{kind}'; use paste, blur or focus"),
        { Kind: ActivityKinds.Paste, Chars: not (>= 0 and <= ActivityKinds.MaxPasteSize) } =>
            SessionErrors.InvalidField("chars", $"A paste's chars is a whole number from 0 to {ActivityKinds.MaxPasteSize}"),
        { Kind: ActivityKinds.Paste, Lines: not (>= 0 and <= ActivityKinds.MaxPasteSize) } =>
            SessionErrors.InvalidField("lines", $"A paste's lines is a whole number from 0 to {ActivityKinds.MaxPasteSize}"),
        { Kind: ActivityKinds.Focus, AwayMs: not (>= 0 and <= ActivityKinds.MaxAwayMs) } =>
            SessionErrors.InvalidField("awayMs", $"A focus's awayMs is a whole number from 0 to {ActivityKinds.MaxAwayMs}"),
        { Kind: not ActivityKinds.Paste, Chars: not null } or { Kind: not ActivityKinds.Paste, Lines: not null } =>
            SessionErrors.InvalidField(activity.Chars is not null ? "chars" : "lines", "Only a paste has chars and lines"),
        { Kind: not ActivityKinds.Focus, AwayMs: not null } =>
            SessionErrors.InvalidField("awayMs", "Only a focus has awayMs"),
        _ => null,
    };
}
