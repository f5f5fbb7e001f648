using System.Collections.Concurrent;
using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Orleans.Streams;

namespace Interview.Grains.Tests;

/// <summary>Plays a gateway: an observer for code updates and a subscriber to the session's events.</summary>
public sealed class SessionListener : ISessionObserver, IAsyncDisposable
{
    private StreamSubscriptionHandle<SessionEvent>? _subscription;

    private SessionListener(IGrainFactory grains) => Reference = grains.CreateObjectReference<ISessionObserver>(this);

    public ISessionObserver Reference { get; }
    public ConcurrentQueue<(CodeUpdate Update, string? Except)> CodeUpdates { get; } = new();
    public ConcurrentQueue<(TextChange Change, string? Except)> Changes { get; } = new();
    public ConcurrentQueue<(CursorUpdate Cursor, string Except)> Cursors { get; } = new();
    public ConcurrentQueue<SessionEvent> Events { get; } = new();

    public static Task<SessionListener> StartAsync(ClusterFixture fixture, Guid sessionId) => StartAsync(fixture.Cluster.Client, sessionId);

    /// <summary>A listener through any cluster's client (a test's own cluster, say).</summary>
    public static async Task<SessionListener> StartAsync(IClusterClient client, Guid sessionId)
    {
        var listener = new SessionListener(client);
        var stream = client.GetStreamProvider(SessionStreams.Provider).GetStream<SessionEvent>(SessionStreams.For(sessionId));
        listener._subscription = await stream.SubscribeAsync((item, _) =>
        {
            listener.Events.Enqueue(item);
            return Task.CompletedTask;
        });
        return listener;
    }

    public Task TextChanged(Guid sessionId, TextChange change, string? exceptConnectionId)
    {
        Changes.Enqueue((change, exceptConnectionId));
        if (change.Code is { } code)
        {
            CodeUpdates.Enqueue((new CodeUpdate(code, change.Update.UserId, change.Timestamp, change.Update.Revision), exceptConnectionId));
        }

        return Task.CompletedTask;
    }

    public Task CursorMoved(Guid sessionId, CursorUpdate cursor, string exceptConnectionId)
    {
        Cursors.Enqueue((cursor, exceptConnectionId));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A join as that user, carrying the user's token as one browser's tabs do: the first tab's is taken
    /// by the session (the id was free), and every later tab of that user presents the same one.
    /// </summary>
    public JoinRequest Request(string connectionId, string userId, string username = "Ada", bool ot = false, long? revision = null) =>
        new(connectionId, userId, username, Reference, ot, revision, UserToken: TokenOf(userId));

    public static string TokenOf(string userId) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The first change of that type (and match) received so far, waiting for it if need be.</summary>
    public async Task<T> EventAsync<T>(Func<T, bool>? match = null)
        where T : SessionChange
    {
        bool Matches(SessionEvent e) => e.Change is T change && (match?.Invoke(change) ?? true);
        await Eventually.HoldsAsync(() => Events.Any(Matches), $"a {typeof(T).Name} event arrives");
        return (T)Events.First(Matches).Change;
    }

    public async Task<CodeUpdate> CodeUpdateAsync(long revision)
    {
        await Eventually.HoldsAsync(() => CodeUpdates.Any(u => u.Update.Revision == revision), $"revision {revision} arrives");
        return CodeUpdates.First(u => u.Update.Revision == revision).Update;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }
    }
}
