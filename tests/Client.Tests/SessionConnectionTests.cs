using System.Collections.Concurrent;
using Interview.Client.Services;
using Interview.Shared.Contracts;
using Interview.Shared.Text;
using Interview.Tests.Common;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>A start that fails (no server yet, or not again): the connection keeps trying by itself, and Retry tries at once.</summary>
public class SessionConnectionTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly int _port = TestEnvironment.FreePort();
    private readonly ConcurrentQueue<ErrorPayload> _errors = new();

    [Fact]
    public async Task A_failed_start_goes_offline_after_the_quick_tries_and_keeps_trying_by_itself()
    {
        await using var connection = Connection();
        await connection.ConnectAsync(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "Ada"); // nothing listens
        Assert.Equal(ConnectionState.Connecting, connection.State);
        var started = _clock.GetUtcNow();

        await MoveUntilAsync(() => connection.State == ConnectionState.Offline, "offline");
        Assert.True(_clock.GetUtcNow() - started >= ReconnectPolicy.QuickDelay * ReconnectPolicy.QuickTries, "offline only after the quick tries");

        await using var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{_port}");
        Assert.Equal(ConnectionState.Offline, connection.State); // the next try is further off

        await MoveUntilAsync(() => connection.State == ConnectionState.Connected, "connected by itself");
        await Eventually.HoldsAsync(() => _errors.Any(e => e.Code == ErrorCodes.SessionNotFound), "it joined (a session this gateway never had)");
    }

    [Fact]
    public async Task Retry_tries_at_once()
    {
        await using var connection = Connection();
        await connection.ConnectAsync(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "Ada");
        await MoveUntilAsync(() => connection.State == ConnectionState.Offline, "offline");
        await using var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{_port}");

        await connection.RetryAsync(); // the clock stands still: only Retry can start it

        await Eventually.HoldsAsync(() => connection.State == ConnectionState.Connected, "connected on Retry");
        await Eventually.HoldsAsync(() => _errors.Any(e => e.Code == ErrorCodes.SessionNotFound), "it joined");
    }

    [Fact]
    public async Task A_start_refused_for_too_many_connections_says_so_and_connects_once_a_place_is_free()
    {
        await using var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{_port}", "MAX_CONNECTIONS_PER_IP=1");
        var other = new HubConnectionBuilder().WithUrl(new Uri($"http://127.0.0.1:{_port}/hub")).Build();
        await other.StartAsync(); // the network's one place

        await using var connection = Connection();
        await connection.ConnectAsync(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "Ada");
        Assert.True(connection.TooManyConnections);
        Assert.NotEqual(ConnectionState.Connected, connection.State);

        await other.DisposeAsync();
        await MoveUntilAsync(() => connection.State == ConnectionState.Connected, "connected once the place is free");
        Assert.False(connection.TooManyConnections);
    }

    [Fact]
    public async Task A_refused_submission_or_run_learns_why_from_its_own_answer()
    {
        await using var gateway = await TestGateway.StartAsync($"urls=http://127.0.0.1:{_port}");
        await using var connection = Connection();
        await connection.ConnectAsync(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "Ada"); // a session this gateway never had
        await Eventually.HoldsAsync(() => _errors.Any(e => e.Code == ErrorCodes.SessionNotFound), "its join is refused");

        var submitted = await connection.SubmitAsync(new Submission("tab", 1, 0, new TextOperation.Builder().Insert("x").Build()));
        var shared = await connection.ShareRunAsync(new ExecutionResult("python", true, "1", null, 5, []));

        Assert.Equal(SubmitAnswerKind.Gone, submitted.Kind);
        Assert.Equal("Session not found", shared);
    }

    private SessionConnection Connection()
    {
        var connection = new SessionConnection(new Uri($"http://127.0.0.1:{_port}/hub"), clock: _clock);
        connection.ErrorReceived += _errors.Enqueue;
        return connection;
    }

    // The tries' pauses are on the test's clock; each try fails (or not) for real, so it moves a second at a time.
    private Task MoveUntilAsync(Func<bool> condition, string what) => Eventually.HoldsAsync(() =>
    {
        if (condition())
        {
            return true;
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        return false;
    }, what, TimeSpan.FromSeconds(60));
}
