using System.Text.Json.Serialization;
using Interview.Shared.Text;

namespace Interview.Shared.Contracts;

// Server-to-client payloads of protocol "ot" (docs/protocol.md, "Operations" and "Cursors").

/// <summary>
/// operation: an edit someone else made, with the revision it created and who sent it. Document is
/// "notes" for the interviewer notes, left out for the code (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed record OperationUpdate(
    long Revision,
    TextOperation Operation,
    string UserId,
    string ClientId,
    long Seq,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Document = null);

/// <summary>A selection as UTF-16 offsets into the document; a cursor has anchor == head.</summary>
public sealed record SelectionRange(int Anchor, int Head);

/// <summary>cursor-update: where another participant's cursors and selections are.</summary>
public sealed record CursorUpdate(string UserId, string Username, string Color, IReadOnlyList<SelectionRange> Selections);
