using System.Buffers;
using System.Text.Json;
using Interview.Grains.Recording;

namespace Interview.Gateway.Recording;

/// <summary>
/// A page's JSON (RecordingPage's shape), written around the events as the store holds them: each
/// event's JSON was written once, when it was recorded, and is copied as it is.
/// </summary>
public static class RecordingPageWriter
{
    public static byte[] Write(Guid sessionId, byte[] interviewerKeyHash, RecordingSlice slice)
    {
        var buffer = new ArrayBufferWriter<byte>(4096 + slice.Events.Sum(e => e.Length + 1));
        using (var json = new Utf8JsonWriter(buffer))
        {
            var header = slice.Header;
            json.WriteStartObject();
            json.WriteString("sessionId", sessionId.ToString("D"));
            json.WriteString("createdAt", IsoTimestamp(header.CreatedAt));
            if (header.EndedAt is { } ended)
            {
                json.WriteString("endedAt", IsoTimestamp(ended));
            }
            else
            {
                json.WriteNull("endedAt");
            }

            json.WriteStartObject("initial");
            json.WriteString("code", header.Code);
            json.WriteString("language", header.Language);
            json.WriteEndObject();
            json.WriteStartArray("events");
            foreach (var recorded in slice.Events)
            {
                json.WriteRawValue(recorded, skipInputValidation: true);
            }

            json.WriteEndArray();
            if (slice.Next is { } next)
            {
                json.WriteString("next", $"/api/sessions/{sessionId:D}/recording?cursor={RecordingCursor.Make(sessionId, interviewerKeyHash, next)}");
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string IsoTimestamp(DateTimeOffset at) => at.UtcDateTime.ToString(IsoTimestampConverter.Format, System.Globalization.CultureInfo.InvariantCulture);
}
