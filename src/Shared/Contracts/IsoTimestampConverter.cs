using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interview.Shared.Contracts;

/// <summary>Writes times as the protocol shows them (docs/protocol.md, "REST"): UTC, millisecond precision, "2024-01-15T10:30:00.000Z".</summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && Exact(reader.ValueSpan) is { } exact
            ? exact
            : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// The protocol's own form read digit by digit, or null for any other: a recording's 100,000 times through
    /// DateTimeOffset.Parse took seconds in the browser's interpreted .NET.
    /// </summary>
    public static DateTimeOffset? Exact(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 24 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':' || utf8[19] != '.' || utf8[23] != 'Z')
        {
            return null;
        }

        var (year, month, day, hour, minute, second, milli) = (Digits(utf8, 0, 4), Digits(utf8, 5, 2), Digits(utf8, 8, 2), Digits(utf8, 11, 2), Digits(utf8, 14, 2), Digits(utf8, 17, 2), Digits(utf8, 20, 3));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || milli < 0)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, milli, TimeSpan.Zero);
    }

    /// <summary>The number the ASCII digits at <paramref name="start"/> spell; -1 when one is not a digit.</summary>
    private static int Digits(ReadOnlySpan<byte> utf8, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = utf8[i] - '0';
            if (digit is < 0 or > 9)
            {
                return -1;
            }

            value = value * 10 + digit;
        }

        return value;
    }

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
