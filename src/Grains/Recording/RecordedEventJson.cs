using System.Text.Json;
using Interview.Shared.Contracts;

namespace Interview.Grains.Recording;

/// <summary>A recorded event as the stores keep it and GET sends it: its JSON, written once.</summary>
public static class RecordedEventJson
{
    public static byte[] Write(RecordedEvent recorded) => JsonSerializer.SerializeToUtf8Bytes(recorded, JsonSerializerOptions.Web);

    public static RecordedEvent Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<RecordedEvent>(json, JsonSerializerOptions.Web) ?? throw new JsonException("A recorded event is a JSON object");
}
