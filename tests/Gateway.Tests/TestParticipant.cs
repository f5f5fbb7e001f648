using System.Collections.Concurrent;
using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>A browser tab as the hub sees it: a SignalR connection recording every event it receives.</summary>
public sealed class TestParticipant : IAsyncDisposable
{
    private static readonly string[] ServerEvents =
        [HubEvents.SessionJoined, HubEvents.CodeUpdate, HubEvents.LanguageUpdate, HubEvents.UserJoined, HubEvents.UserLeft, HubEvents.Error, HubEvents.ExecutionResult, OtProtocol.Operation, HubEvents.SessionEnded, HubEvents.ActivityUpdate, HubEvents.UserUpdated, HubEvents.InputUpdate];

    // What a browser's localStorage is to its tabs: the token each session gave each user, so a second
    // tab of a user joins as that user.
    private static readonly ConcurrentDictionary<(string SessionId, string UserId), string> Tokens = new();

    private TestParticipant(HubConnection connection, string username, string userId) =>
        (Connection, Username, UserId) = (connection, username, userId);

    public HubConnection Connection { get; }
    public string Username { get; }
    public string UserId { get; }
    public ConcurrentQueue<(string Event, JsonElement Payload)> Received { get; } = new();

    public static async Task<TestParticipant> ConnectAsync(Uri baseAddress, string username, string userId)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hub")).Build();
        var participant = new TestParticipant(connection, username, userId);
        foreach (var name in ServerEvents)
        {
            connection.On<JsonElement>(name, payload =>
            {
                if (name == HubEvents.SessionJoined && payload.TryGetProperty("userToken", out var token))
                {
                    Tokens[(payload.GetProperty("sessionId").GetString()!, userId)] = token.GetString()!;
                }

                participant.Received.Enqueue((name, payload));
            });
        }

        await connection.StartAsync();
        return participant;
    }

    /// <summary>The token the session gave this user, as this user's other tabs know it.</summary>
    public string? TokenIn(string sessionId) => Tokens.GetValueOrDefault((sessionId, UserId));

    /// <summary>
    /// Joins and returns session-joined; fails with the error event if one comes instead. The join carries
    /// the user's token when another tab of the user was given one, unless <paramref name="withToken"/> is false
    /// (a full-text-only client, which knows of no token).
    /// </summary>
    public async Task<JsonElement> JoinAsync(string sessionId, bool withToken = true)
    {
        var joinedBefore = Count(HubEvents.SessionJoined);
        var errorsBefore = Count(HubEvents.Error);
        var token = withToken ? TokenIn(sessionId) : null;
        await Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId, userId = UserId, username = Username, userToken = token });
        await Eventually.HoldsAsync(
            () => Count(HubEvents.SessionJoined) > joinedBefore || Count(HubEvents.Error) > errorsBefore, "join is answered");
        Assert.True(Count(HubEvents.Error) == errorsBefore, $"join refused: {All(HubEvents.Error).LastOrDefault()}");
        return All(HubEvents.SessionJoined).Last();
    }

    public Task ChangeCodeAsync(string sessionId, string code, string language = "javascript") =>
        Connection.InvokeAsync(HubMethods.CodeChange, new { sessionId, code, language, userId = UserId });

    public Task ChangeLanguageAsync(string sessionId, string language) =>
        Connection.InvokeAsync(HubMethods.LanguageChange, new { sessionId, language, userId = UserId });

    /// <summary>Sends a raw payload and returns the error event it earned.</summary>
    public async Task<JsonElement> ErrorFromAsync(string method, object? payload)
    {
        var before = Count(HubEvents.Error);
        await Connection.InvokeAsync(method, payload);
        return await EventAsync(HubEvents.Error, skip: before);
    }

    /// <summary>The first event of that name after the first <paramref name="skip"/>, matching, waiting for it.</summary>
    public async Task<JsonElement> EventAsync(string name, Func<JsonElement, bool>? match = null, int skip = 0)
    {
        JsonElement? Find() => All(name).Skip(skip).Where(p => match?.Invoke(p) ?? true).Cast<JsonElement?>().FirstOrDefault();
        await Eventually.HoldsAsync(() => Find() is not null, $"{Username} receives {name}");
        return Find()!.Value;
    }

    public IEnumerable<JsonElement> All(string name) => Received.Where(e => e.Event == name).Select(e => e.Payload);

    public int Count(string name) => All(name).Count();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
