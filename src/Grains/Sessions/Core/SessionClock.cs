namespace Interview.Grains.Sessions.Core;

/// <summary>
/// The clock sessions are timed by, a keyed TimeProvider so tests can move it without also moving
/// the clock Orleans' own membership, timeouts and activation collection run on.
/// </summary>
public static class SessionClock
{
    public const string Key = "interview.session-clock";
}
