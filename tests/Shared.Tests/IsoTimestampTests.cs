using System.Globalization;
using System.Text;
using System.Text.Json;
using Interview.Shared.Contracts;

namespace Interview.Shared.Tests;

/// <summary>The protocol's times read back (IsoTimestampConverter): its own form digit by digit, any other as DateTimeOffset.Parse reads it.</summary>
public class IsoTimestampTests
{
    private sealed record Stamped([property: System.Text.Json.Serialization.JsonConverter(typeof(IsoTimestampConverter))] DateTimeOffset At);

    [Theory]
    [InlineData("2026-12-03T07:06:09.956Z")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    [InlineData("2028-02-29T12:00:00.001Z")]
    [InlineData("2026-12-03T09:06:09.956+02:00")] // not the protocol's form: read by Parse
    [InlineData("2026-12-03T07:06:09Z")]
    [InlineData("2026-12-03T07:06:09.9561234Z")]
    [InlineData("2026-12-03T07:06:09.956")] // no zone: UTC
    [InlineData("2026-12-03T07:06:09\\u002E956Z")] // escaped
    public void Every_form_Parse_reads_reads_as_Parse_reads_it(string written)
    {
        var expected = DateTimeOffset.Parse(JsonSerializer.Deserialize<string>($"\"{written}\"")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        var read = JsonSerializer.Deserialize<Stamped>($$"""{"At":"{{written}}"}""")!.At;

        Assert.Equal((expected.UtcDateTime, expected.Offset == TimeSpan.Zero ? TimeSpan.Zero : expected.Offset), (read.UtcDateTime, read.Offset == TimeSpan.Zero ? TimeSpan.Zero : read.Offset));
    }

    [Theory]
    [InlineData("2026-02-30T07:06:09.956Z")]
    [InlineData("2026-13-03T07:06:09.956Z")]
    [InlineData("2026-12-03T24:06:09.956Z")]
    [InlineData("2026-12-03T07:60:09.956Z")]
    [InlineData("2026-12-03T07:06:60.956Z")]
    [InlineData("20x6-12-03T07:06:09.956Z")]
    [InlineData("0000-12-03T07:06:09.956Z")]
    public void An_impossible_time_in_the_protocols_form_is_refused(string written)
    {
        Assert.Null(IsoTimestampConverter.Exact(Encoding.UTF8.GetBytes(written)));
        Assert.ThrowsAny<FormatException>(() => JsonSerializer.Deserialize<Stamped>($$"""{"At":"{{written}}"}"""));
    }
}
