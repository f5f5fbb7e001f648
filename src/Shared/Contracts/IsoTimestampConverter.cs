using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

/// <summary>Writes times as the protocol shows them (docs/protocol.md, "REST"): UTC, millisecond precision, "2024-01-15T10:30:00.000Z".</summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}

/// <summary><see cref="IsoTimestampConverter"/> for a time that may be absent (null).</summary>
public sealed class NullableIsoTimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly IsoTimestampConverter Inner = new();

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            Inner.Write(writer, time, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
