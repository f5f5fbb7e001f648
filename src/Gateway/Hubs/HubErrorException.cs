namespace Interview.Gateway.Hubs;

/// <summary>
/// A refusal to send back to the caller as the error event. The connection stays usable, unless
/// <see cref="ClosesConnection"/>: then the error is the last thing it receives (its close reason).
/// </summary>
public sealed class HubErrorException(ErrorPayload error, bool closesConnection = false) : Exception(error.Message)
{
    public ErrorPayload Error { get; } = error;

    public bool ClosesConnection { get; } = closesConnection;
}
