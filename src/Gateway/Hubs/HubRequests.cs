using System.Text.Json;

namespace Interview.Gateway.Hubs;

public sealed record JoinSessionRequest(Guid SessionId, string UserId, string Username);

/// <summary>SPEC.md's code-change. Language is checked but not applied: languages change through language-change only.</summary>
public sealed record CodeChangeRequest(Guid SessionId, string UserId, string Code, string Language);

public sealed record LanguageChangeRequest(Guid SessionId, string UserId, string Language);

/// <summary>Reads hub payloads field by field, so each bad field gets its own INVALID_PAYLOAD or INVALID_SESSION.</summary>
public static class HubRequests
{
    public static JoinSessionRequest ReadJoin(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new JoinSessionRequest(reader.SessionId(), reader.UserId(), Usernames.Clean(reader.OptionalString("username")));
    }

    public static CodeChangeRequest ReadCodeChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new CodeChangeRequest(reader.SessionId(), reader.UserId(), reader.Code(), reader.Language());
    }

    public static LanguageChangeRequest ReadLanguageChange(JsonElement payload)
    {
        var reader = new PayloadReader(payload);
        return new LanguageChangeRequest(reader.SessionId(), reader.UserId(), reader.Language());
    }
}
