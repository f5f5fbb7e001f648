using System.Text.Json;

namespace Interview.Gateway.Hubs;

/// <summary>Field access with SPEC.md's rules; every violation throws the error event to send back.</summary>
public readonly struct PayloadReader
{
    private readonly JsonElement _payload;

    public PayloadReader(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new HubErrorException(new ErrorPayload("The payload must be a JSON object", ErrorCodes.InvalidPayload));
        }

        _payload = payload;
    }

    public Guid SessionId()
    {
        var value = RequiredString("sessionId");
        return SessionIds.IsUuidV4(value)
            ? Guid.Parse(value)
            : throw new HubErrorException(new ErrorPayload(
                "Invalid session ID format", ErrorCodes.InvalidSession, new Dictionary<string, string> { ["sessionId"] = value }));
    }

    public string UserId()
    {
        var value = RequiredString("userId");
        return SessionIds.IsUuid(value) ? SessionIds.Normalize(value) : throw Invalid("userId", "userId must be a UUID");
    }

    public string Code()
    {
        var value = RequiredString("code");
        return Limits.CodeFits(value) ? value : throw Invalid("code", $"Code exceeds the {Limits.MaxCodeBytes / 1024} KB limit");
    }

    public string Language()
    {
        var value = RequiredString("language");
        return Languages.IsKnown(value) ? value : throw Invalid("language", $"Unknown language '{value}'; use javascript or python");
    }

    public string? OptionalString(string name) =>
        !_payload.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Invalid(name, $"{name} must be a string");

    private string RequiredString(string name) =>
        _payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(name, $"{name} is required and must be a string");

    private static HubErrorException Invalid(string field, string message) =>
        new(SessionErrors.InvalidField(field, message));
}
