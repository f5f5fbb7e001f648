namespace Interview.Gateway.Hubs;

/// <summary>A refusal to send back to the caller as SPEC.md's error event; the connection stays usable.</summary>
public sealed class HubErrorException(ErrorPayload error) : Exception(error.Message)
{
    public ErrorPayload Error { get; } = error;
}
