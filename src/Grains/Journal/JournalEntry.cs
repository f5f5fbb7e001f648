using System.Text.Json;
using System.Text.Json.Serialization;
using Interview.Shared.Text;

namespace Interview.Grains.Journal;

/// <summary>
/// One change of a session as the journal keeps it: a text operation (with the revision it created and
/// whose it was) or a language change. <see cref="Sequence"/> numbers a session's entries; the session's
/// stored state says up to which one it already holds.
/// </summary>
public sealed record JournalEntry(
    [property: JsonPropertyName("n")] long Sequence,
    [property: JsonPropertyName("r")] long Revision,
    [property: JsonPropertyName("o")] TextOperation? Operation,
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("c")] string ClientId,
    [property: JsonPropertyName("s")] long Seq,
    [property: JsonPropertyName("l")] string? Language = null)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static JournalEntry FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<JournalEntry>(json, Json) ?? throw new JsonException("A journal entry is a JSON object");
}
