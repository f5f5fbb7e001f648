namespace Interview.Grains.Sessions.Core;

/// <summary>
/// One user in a session, with every connection (browser tab) they have open in it. Token is the secret a
/// join naming this user's id must carry while they are here; Username is the name shown, told apart from
/// the others' ("Alice (2)").
/// </summary>
public sealed class Participant(string id, string username, string color, string token)
{
    public string Id { get; } = id;
    public string Username { get; set; } = username;

    /// <summary>The name as the user gave it (cleaned), before anything was added to tell it apart.</summary>
    public string AskedName { get; set; } = username;
    public string Color { get; } = color;
    public string Token { get; } = token;
    public HashSet<string> Connections { get; } = [];

    /// <summary>Those of <see cref="Connections"/> that joined with the interviewer key.</summary>
    public HashSet<string> InterviewerConnections { get; } = [];

    /// <summary>Interviewer while any of the user's connections is one (docs/protocol.md, "Roles, notes, ending and activity").</summary>
    public string Role => InterviewerConnections.Count > 0 ? Roles.Interviewer : Roles.Candidate;

    public ParticipantInfo ToInfo() => new(Id, Username, Color, Role);
}
