using System.Text.Json;
using Interview.Shared.Contracts;

namespace Interview.Shared.Tests;

public class WireFormatTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Times_are_ISO_8601_UTC_with_milliseconds()
    {
        var at = new DateTimeOffset(2024, 1, 15, 12, 30, 0, 123, TimeSpan.FromHours(2));
        var json = JsonSerializer.Serialize(new HealthResponse("ok", at, 3600, 5), Web);
        Assert.Equal("""{"status":"ok","timestamp":"2024-01-15T10:30:00.123Z","uptime":3600,"activeSessions":5}""", json);
        var back = JsonSerializer.Deserialize<HealthResponse>(json, Web)!;
        Assert.Equal(at, back.Timestamp);
    }

    [Fact]
    public void Errors_leave_out_absent_fields()
    {
        Assert.Equal("""{"error":"Session not found","sessionId":"x"}""", JsonSerializer.Serialize(new ApiError("Session not found", SessionId: "x"), Web));
        Assert.Equal("""{"message":"m","code":"SESSION_NOT_FOUND"}""", JsonSerializer.Serialize(new ErrorPayload("m", ErrorCodes.SessionNotFound), Web));
        var withDetails = JsonSerializer.Serialize(new ErrorPayload("m", "C", new Dictionary<string, string> { ["field"] = "code" }), Web);
        Assert.Equal("""{"message":"m","code":"C","details":{"field":"code"}}""", withDetails);
    }

    [Fact]
    public void Session_details_match_the_REST_shape_and_carry_no_code()
    {
        var at = new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero);
        var json = JsonSerializer.Serialize(new SessionDetails("id", at, at.AddMinutes(5), "javascript", 2), Web);
        Assert.Equal(
            """{"sessionId":"id","createdAt":"2024-01-15T10:30:00.000Z","lastActivity":"2024-01-15T10:35:00.000Z","language":"javascript","userCount":2,"exists":true}""",
            json);
    }
}
