using System.Text.Json;
using Interview.Gateway.Hubs;
using Interview.Gateway.Monitoring;
using Interview.Gateway.Sessions;

namespace Interview.Gateway.SocketIo;

/// <summary>
/// SPEC.md's events at the Socket.IO door, through the same session path as the hub's (GatewaySessions,
/// the session grain, the relay): join-session, code-change and language-change in, and every event the
/// session sends out. Only the full-text protocol is offered here (docs/protocol.md, "The Socket.IO
/// door"). A refusal is answered as the hub answers it: the error event, and the refusal as the answer to
/// an event that asked for one (<c>{error}</c>; an accepted one is answered <c>null</c>).
/// </summary>
public sealed class SpecEvents(
    GatewaySessions sessions, MessageBudgets budgets, UserBudgets userBudgets, InterviewMetrics metrics, SocketIoDoor door, ILogger<SpecEvents> logger)
{
    private const string Door = "socketio";

    /// <summary>The hub's join fields this door leaves to the hub: named, they are refused rather than silently ignored.</summary>
    private static readonly string[] HubOnlyJoinFields = ["protocol", "revision", "clientId", "interviewerKey", "notesRevision"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static HubErrorException Malformed(string problem) =>
        new(new ErrorPayload($"Not a message this server reads: {problem}", ErrorCodes.InvalidPayload));

    public MessageBudgets.Budgets BudgetsForConnection() => budgets.ForConnection();

    /// <summary>The refusal of a message past the connection's budget (every message here is a control message), or null.</summary>
    public HubErrorException? RefusalOfBudget(SocketIoConnection connection) => budgets.RefusalOf(connection.Budgets, connection.Id, isOperation: false);

    public async ValueTask HandleAsync(SocketIoConnection connection, SocketIoPacket packet)
    {
        var name = "unknown";
        try
        {
            using var document = Parse(packet.Data);
            var items = document.RootElement;
            name = Cut(items[0].GetString()!);
            metrics.MessageReceived(name is HubMethods.JoinSession or HubMethods.CodeChange or HubMethods.LanguageChange ? name : "unknown"); // a client's string is no metric label
            var payload = items.GetArrayLength() > 1 ? items[1] : default;
            switch (name)
            {
                case HubMethods.JoinSession:
                    await JoinAsync(connection, payload);
                    break;
                case HubMethods.CodeChange:
                    await ChangeCodeAsync(connection, payload);
                    break;
                case HubMethods.LanguageChange:
                    await ChangeLanguageAsync(connection, payload);
                    break;
                default:
                    throw new HubErrorException(new ErrorPayload(
                        $"Unknown event; this endpoint takes {HubMethods.JoinSession}, {HubMethods.CodeChange} and {HubMethods.LanguageChange} (the rest of the protocol is the hub's, at /hub)",
                        ErrorCodes.InvalidPayload, new Dictionary<string, string> { ["event"] = name }));
            }

            if (packet.AckId is { } ackId)
            {
                connection.Send(SocketIoPacket.Ack(ackId, null, door.Json));
            }
        }
        catch (HubErrorException refusal)
        {
            Answer(connection, packet.AckId, refusal);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Socket.IO event {Event} failed", name);
            Answer(connection, packet.AckId, new HubErrorException(new ErrorPayload(
                "The server could not handle this request; try again", ErrorCodes.ConnectionError, new Dictionary<string, string> { ["event"] = name })));
        }
    }

    /// <summary>Sends a refusal: the error event, the answer if one was asked for; a flood's refusal then closes the connection.</summary>
    public void Answer(SocketIoConnection connection, long? ackId, HubErrorException refusal)
    {
        metrics.ErrorAnswered(Door, refusal.Error.Code);
        userBudgets.Note(connection.Id, operations: false, refusal.Error);
        connection.Send(SocketIoPacket.Event(HubEvents.Error, refusal.Error, door.Json));
        if (ackId is { } id)
        {
            connection.Send(SocketIoPacket.Ack(id, new RefusedInvocation(refusal.Error), door.Json));
        }

        if (refusal.ClosesConnection)
        {
            logger.LogWarning("Closed Socket.IO connection {ConnectionId}: {Reason}", connection.Id, refusal.Error.Message);
            connection.CloseSaying(refusal.Error.Message);
        }
    }

    public async Task LeaveAsync(SocketIoConnection connection)
    {
        try
        {
            await sessions.LeaveAsync(connection.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Leaving the session of Socket.IO connection {ConnectionId} failed", connection.Id);
        }
    }

    private async Task JoinAsync(SocketIoConnection connection, JsonElement payload)
    {
        var sessionId = HubRequests.SessionOf(payload);
        foreach (var field in HubOnlyJoinFields)
        {
            if (payload.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                throw new HubErrorException(SessionErrors.InvalidField(
                    field, $"{field} is the hub's (/hub, SignalR): this endpoint offers SPEC.md's full-text protocol only"));
            }
        }

        var reader = new PayloadReader(payload);
        var request = new JoinSessionPayload(reader.SessionIdText(), reader.PlainUserId(), reader.Username(), UserToken: reader.OptionalUserToken());
        var result = await sessions.JoinAsync(connection.Id, sessionId, request);
        Refused(result.Error);
        connection.Send(SocketIoPacket.Event(HubEvents.SessionJoined, result.Joined!, door.Json));
    }

    /// <summary>code-change: as the hub's, but language may be left out (the session's stands either way).</summary>
    private async Task ChangeCodeAsync(SocketIoConnection connection, JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(connection, payload);
        var reader = new PayloadReader(payload);
        var userId = reader.PlainUserId();
        var code = reader.Code();
        reader.OptionalLanguage();
        Refused(await sessions.RefusalOfAsync(connection.Id, sessionId, userId));
        Refused(await sessions.CallAsync(connection.Id, sessionId, session => session.ChangeCode(connection.Id, code), error => error));
    }

    private async Task ChangeLanguageAsync(SocketIoConnection connection, JsonElement payload)
    {
        var sessionId = await MemberSessionAsync(connection, payload);
        var reader = new PayloadReader(payload);
        var userId = reader.PlainUserId();
        var language = reader.Language();
        Refused(await sessions.RefusalOfAsync(connection.Id, sessionId, userId));
        Refused(await sessions.CallAsync(connection.Id, sessionId, session => session.ChangeLanguage(connection.Id, language), error => error));
    }

    private async ValueTask<Guid> MemberSessionAsync(SocketIoConnection connection, JsonElement payload)
    {
        var sessionId = HubRequests.SessionOf(payload);
        Refused(await sessions.RefusalOfAsync(connection.Id, sessionId));
        return sessionId;
    }

    /// <summary>An event's data: a JSON array whose first item is the event's name.</summary>
    private static JsonDocument Parse(string data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, DocumentOptions);
        }
        catch (JsonException)
        {
            throw Malformed("an event's data is a JSON array, [\"event-name\", payload]");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.String)
        {
            document.Dispose();
            throw Malformed("an event's data is a JSON array, [\"event-name\", payload]");
        }

        try
        {
            _ = root[0].GetString();
        }
        catch (InvalidOperationException)
        {
            document.Dispose();
            throw Malformed("an event's name holds half of a surrogate pair");
        }

        return document;
    }

    private static string Cut(string name) => name.Length > 64 ? name[..64] : name;

    private static void Refused(ErrorPayload? error)
    {
        if (error is not null)
        {
            throw new HubErrorException(error);
        }
    }
}
