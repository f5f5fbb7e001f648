namespace Interview.Grains.Sessions.Core;

/// <summary>What a join came to: in (a new user or another tab of one), or refused and nothing changed.</summary>
public enum AdmissionStatus
{
    Admitted,

    /// <summary>The userId is present and the join did not carry its token.</summary>
    WrongToken,

    /// <summary>A new user past the session's participant limit.</summary>
    Full,
}

/// <summary>
/// The outcome of <see cref="Presence{TGateway}.Add"/>: the user the connection is now, whether that user is
/// new to the session, and the user the connection was before if it was that user's last connection.
/// </summary>
public readonly record struct Admission(AdmissionStatus Status, Participant? User = null, bool IsNewUser = false, Participant? Left = null);
