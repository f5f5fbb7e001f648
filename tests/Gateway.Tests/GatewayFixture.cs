using System.Net;
using System.Net.Sockets;
using Interview.Gateway.Hosting;
using Interview.Grains.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Gateway.Tests;

/// <summary>
/// The gateway as `dotnet run` builds it (co-hosted silo and all) on a real Kestrel bound to a free
/// loopback port, with the session clock replaced so expiry can be tested without waiting.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public const string AllowedOrigin = "http://localhost:5173";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IServiceProvider Services => _app!.Services;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ORLEANS_SILO_PORT={FreePort()}",
            $"--ORLEANS_GATEWAY_PORT={FreePort()}",
            "--LOG_LEVEL=warn",
            $"--CORS_ORIGIN={AllowedOrigin}",
        ];
        _app = GatewayApp.Build(args, builder =>
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, Clock);
            builder.Services.Configure<SessionLifetimeOptions>(options =>
            {
                options.MaintenanceInterval = TimeSpan.FromMilliseconds(50);
                options.GatewayLease = TimeSpan.FromSeconds(3); // renewed every second
            });
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Task<TestParticipant> ConnectAsync(string username = "Ada", string? userId = null) =>
        TestParticipant.ConnectAsync(BaseAddress, username, userId ?? Guid.NewGuid().ToString());

    public async Task<string> CreateSessionAsync(string language = "javascript")
    {
        var response = await Http.PostAsync("/api/sessions/create", Json.Body(new { language }));
        response.EnsureSuccessStatusCode();
        return (await Json.ReadAsync(response)).GetProperty("sessionId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
