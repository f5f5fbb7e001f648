using Interview.Shared.Editing;

namespace Interview.Client.Editing;

/// <summary>
/// What a tab's collaborative editors share: one OT client id and one numbering of submissions over both
/// documents (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed class EditorTab
{
    public string ClientId { get; } = Guid.NewGuid().ToString("N");

    public SeqNumbers Numbers { get; } = new();
}
