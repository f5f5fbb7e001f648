using System.Text.Json;
using System.Text.Json.Serialization;
using Interview.Shared.Text;

namespace Interview.Grains.Journal;

/// <summary>
/// One change of a session as the journal keeps it: a text operation (with the revision it created and
/// whose it was, in the code or, with <see cref="Document"/> "notes", in the interviewer notes), a language
/// change, a change of the program input (<see cref="Input"/>, the whole new text), or the interview's end (<see cref="EndedAt"/>, by <see cref="UserId"/> shown as <see cref="Username"/>). <see cref="Sequence"/> numbers a session's entries (consecutively:
/// an append lands only as the next); the session's stored state says up to which one it already holds.
/// <see cref="Problem"/> is set, instead of throwing, on an entry that cannot be read back.
/// </summary>
public sealed record JournalEntry(
    [property: JsonPropertyName("n")] long Sequence,
    [property: JsonPropertyName("r")] long Revision,
    [property: JsonPropertyName("o")] TextOperation? Operation,
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("c")] string ClientId,
    [property: JsonPropertyName("s")] long Seq,
    [property: JsonPropertyName("l")] string? Language = null,
    [property: JsonPropertyName("d")] string? Document = null,
    [property: JsonPropertyName("e")] DateTimeOffset? EndedAt = null,
    [property: JsonPropertyName("m")] string? Username = null,
    [property: JsonPropertyName("i")] string? Input = null)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Why this entry could not be read; null for a good one. The journals number what they read themselves.</summary>
    [JsonIgnore]
    public string? Problem { get; init; }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static JournalEntry FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<JournalEntry>(json, Json) ?? throw new JsonException("A journal entry is a JSON object");

    /// <summary>
    /// An entry as stored, never throwing: one whose operation no longer reads (journaled by an older
    /// version, say, whose checks were weaker) says what is wrong with it, so a session replays up to it
    /// and goes on from there instead of failing every activation. The journal gives its number.
    /// </summary>
    public static JournalEntry Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var entry = FromJson(json);
            return entry.UserId is null || entry.ClientId is null || (entry.Operation is null && entry.Language is null && entry.EndedAt is null && entry.Input is null)
                ? entry with { UserId = entry.UserId ?? string.Empty, ClientId = entry.ClientId ?? string.Empty, Problem = "it lacks its author, its tab or its change" }
                : entry;
        }
        catch (Exception exception) when (exception is JsonException or TextOperationException or InvalidOperationException or NotSupportedException)
        {
            return new JournalEntry(0, 0, null, string.Empty, string.Empty, 0) { Problem = exception.Message };
        }
    }
}
