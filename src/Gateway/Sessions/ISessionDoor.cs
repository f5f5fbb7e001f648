namespace Interview.Gateway.Sessions;

/// <summary>One door connections come in by (the hub, the Socket.IO endpoint): its part of <see cref="ISessionClients"/>.</summary>
public interface ISessionDoor : ISessionClients;
