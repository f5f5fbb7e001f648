using Interview.Gateway;
using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Tests.Common;

/// <summary>
/// The gateway as `dotnet run` builds it (co-hosted silo and all) on a real Kestrel bound to a free
/// loopback port, with the session clock replaced so expiry can be tested without waiting.
/// Linked into the test projects that host a gateway.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _ownDataDirectory;

    private TestGateway(WebApplication app, FakeTimeProvider clock, int siloPort) => (_app, Clock, SiloPort) = (app, clock, siloPort);

    /// <summary>The co-hosted silo's port, for another gateway to join its cluster (ORLEANS_PRIMARY_SILO_PORT).</summary>
    public int SiloPort { get; }

    public FakeTimeProvider Clock { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public static Task<TestGateway> StartAsync(params string[] settings) => StartAsync(services: null, settings);

    /// <summary>
    /// Starts a gateway; without a DATA_DIR setting, on a fresh temporary one removed when it is disposed.
    /// <paramref name="services"/> may replace some of the gateway's (a journal that fails, say).
    /// </summary>
    public static async Task<TestGateway> StartAsync(Action<IServiceCollection>? services, params string[] settings)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var siloPort = TestEnvironment.FreePort();
        var ownDataDirectory = settings.Any(s => s.StartsWith("DATA_DIR=", StringComparison.Ordinal) || s.StartsWith("REDIS=", StringComparison.Ordinal))
            ? null
            : TestEnvironment.NewDataDirectory();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ORLEANS_SILO_PORT={siloPort}",
            $"--ORLEANS_GATEWAY_PORT={TestEnvironment.FreePort()}",
            "--LOG_LEVEL=warn",
            "--MAX_SESSIONS_PER_HOUR=1000000", // every test client is 127.0.0.1; the limits' own tests set theirs
            "--MAX_CONNECTIONS_PER_IP=100000",
            .. settings.Select(setting => $"--{setting}"),
            .. ownDataDirectory is null ? Array.Empty<string>() : [$"--DATA_DIR={ownDataDirectory}"],
        ];
        var app = GatewayApp.Build(args, builder =>
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(SessionClock.Key, clock);
            builder.Services.Configure<SessionLifetimeOptions>(options =>
            {
                options.MaintenanceInterval = TimeSpan.FromMilliseconds(50);
                options.GatewayLease = TimeSpan.FromSeconds(3); // renewed every second
            });
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new TestGateway(app, clock, siloPort) { BaseAddress = new Uri(app.Urls.Single()), _ownDataDirectory = ownDataDirectory };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownDataDirectory is not null)
        {
            TestEnvironment.DeleteDataDirectory(_ownDataDirectory);
        }
    }
}
