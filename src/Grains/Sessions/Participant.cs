namespace Interview.Grains.Sessions;

/// <summary>One user in a session, with every connection (browser tab) they have open in it.</summary>
public sealed class Participant(string id, string username, string color)
{
    public string Id { get; } = id;
    public string Username { get; set; } = username;
    public string Color { get; } = color;
    public HashSet<string> Connections { get; } = [];

    public ParticipantInfo ToInfo() => new(Id, Username, Color);
}
