using System.Collections.Concurrent;
using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Cluster.Tests;

/// <summary>A bare hub connection that records every event it is sent, for tests of who receives what.</summary>
public sealed class HubPeer : IAsyncDisposable
{
    private static readonly string[] EveryEvent =
    [
        HubEvents.SessionJoined, HubEvents.CodeUpdate, HubEvents.LanguageUpdate, HubEvents.UserJoined, HubEvents.UserLeft, HubEvents.Error,
        HubEvents.SessionExpiring, HubEvents.ExecutionResult, HubEvents.SessionEnded, HubEvents.ActivityUpdate, OtProtocol.Operation, OtProtocol.CursorUpdate,
    ];

    private readonly HubConnection _connection;

    private HubPeer(Uri gateway) =>
        _connection = new HubConnectionBuilder().WithUrl(new Uri(gateway, "/hub")).WithAutomaticReconnect().Build();

    public string UserId { get; } = Guid.NewGuid().ToString();
    public ConcurrentQueue<(string Event, string Json)> Received { get; } = new();

    public static async Task<HubPeer> ConnectAsync(Uri gateway)
    {
        var peer = new HubPeer(gateway);
        foreach (var name in EveryEvent)
        {
            peer._connection.On<JsonElement>(name, payload => peer.Received.Enqueue((name, payload.GetRawText())));
        }

        await peer._connection.StartAsync();
        return peer;
    }

    public Task<JsonElement> InvokeAsync(string method, object payload) => _connection.InvokeAsync<JsonElement>(method, payload);

    public IEnumerable<JsonElement> All(string name) =>
        Received.Where(r => r.Event == name).Select(r => JsonDocument.Parse(r.Json).RootElement);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
