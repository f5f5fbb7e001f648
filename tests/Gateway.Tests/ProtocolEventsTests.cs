using System.Text.Json;
using Interview.Gateway.Sessions;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;

namespace Interview.Gateway.Tests;

/// <summary>
/// The session's changes as the browser's protocol names and shapes them: the same event names and
/// payload records the grain used to send itself, so the wire is unchanged.
/// </summary>
public class ProtocolEventsTests
{
    private static readonly Guid Session = Guid.Parse("6f1c2f0e-8a51-4f0c-9a4e-0d6e0b7f1a23");
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<SessionChange, string, object> Changes() => new()
    {
        { new ParticipantJoined("bob", "Bob", 2, "#61afef"), HubEvents.UserJoined, new UserJoined("bob", "Bob", 2, "#61afef") },
        { new ParticipantLeft("bob", 1), HubEvents.UserLeft, new UserLeft("bob", 1) },
        { new LanguageChanged("python", "ada"), HubEvents.LanguageUpdate, new LanguageUpdate("python", "ada") },
        { new InputChanged("2\n", "ada", "Ada"), HubEvents.InputUpdate, new InputUpdate("2\n", "ada", "Ada") },
        {
            new SessionExpiringSoon(new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero), 10), HubEvents.SessionExpiring,
            new SessionExpiring(Session.ToString("D"), new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero), 10)
        },
        {
            new RunShared("ada", "Ada", new ExecutionResult("javascript", true, "2", null, 3, ["Hello"])), HubEvents.ExecutionResult,
            new ExecutionResultUpdate(Session.ToString("D"), "ada", "Ada", "javascript", true, "2", null, 3, ["Hello"], null, null)
        },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_change_is_told_as_its_protocol_event(SessionChange change, string name, object payload)
    {
        var told = ProtocolEvents.For(Session, change);

        Assert.Equal(name, told.Name);
        Assert.Equal(payload.GetType(), told.Payload.GetType());
        Assert.Equal(JsonSerializer.Serialize(payload, Web), JsonSerializer.Serialize(told.Payload, Web));
    }

    [Fact]
    public void The_end_of_a_session_is_told_as_an_error_session_expired()
    {
        var (name, payload) = ProtocolEvents.For(Session, new SessionExpired());

        Assert.Equal(HubEvents.Error, name);
        var error = Assert.IsType<ErrorPayload>(payload);
        Assert.Equal(ErrorCodes.SessionExpired, error.Code);
        Assert.Equal(Session.ToString("D"), error.Details!["sessionId"]);
        Assert.Equal(JsonSerializer.Serialize(SessionErrors.Expired(Session), Web), JsonSerializer.Serialize(payload, Web));
    }

    [Fact]
    public void Changes_that_are_not_session_events_are_not_told()
    {
        Assert.Throws<ArgumentException>(() => ProtocolEvents.For(Session, new SessionReactivated()));
    }
}
