using Interview.Tests.Common;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>
/// The gateway as `dotnet run` builds it, on a free loopback port, and Debian's Chromium driven by
/// Playwright (headless; ./test.sh installs the chromium package when it is missing).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private TestGateway? _gateway;
    private IPlaywright? _playwright;

    public Uri BaseAddress => _gateway!.BaseAddress;

    /// <summary>The sessions' clock (it moves only when a test moves it): what the recording's times are read from.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider SessionClock => _gateway!.Clock;

    /// <summary>The gateway's services (its co-hosted silo's included): a test may fill its store directly.</summary>
    public IServiceProvider GatewayServices => _gateway!.Services;
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotFolder { get; } = Path.Combine(TestEnvironment.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}; ./test.sh installs Debian's chromium package");
        }

        _gateway = await TestGateway.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container needs --no-sandbox; the rest keeps Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser profile (its own localStorage) at 1280x800, as one participant.</summary>
    public async Task<IPage> NewParticipantAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
