namespace Interview.Grains.Sessions;

/// <summary>
/// One interview session, keyed by its UUID: the single sequencer of its text and the owner of its
/// participant list. Errors are returned as SPEC.md error payloads, not thrown: they are answers.
/// </summary>
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Starts the session with its language's template; refuses an id already in use.</summary>
    Task<SessionDetails> Create(string language);

    Task<SessionLookup> Describe();

    Task<JoinResult> Join(JoinRequest request);

    Task Leave(string connectionId);

    /// <summary>SPEC.md's full-text code-change; null on success.</summary>
    Task<ErrorPayload?> ChangeCode(string connectionId, string code);

    /// <summary>SPEC.md's language-change; null on success.</summary>
    Task<ErrorPayload?> ChangeLanguage(string connectionId, string language);

    /// <summary>A gateway's periodic "still here"; false when the session holds none of its connections.</summary>
    Task<bool> RenewGateway(ISessionObserver gateway);

    /// <summary>Asked by the registry once the session's deadline has passed: expire now if it is due.</summary>
    [OneWay]
    Task CheckExpiry();
}
