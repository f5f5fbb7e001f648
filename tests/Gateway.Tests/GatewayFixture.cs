using Interview.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Gateway.Tests;

/// <summary>One test gateway for the hub and REST tests, with CORS_ORIGIN set for the CORS test.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "http://localhost:5173";

    private TestGateway? _gateway;

    public FakeTimeProvider Clock => _gateway!.Clock;
    public Uri BaseAddress => _gateway!.BaseAddress;
    public IServiceProvider Services => _gateway!.Services;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>What the gateway logged, our categories from information up.</summary>
    public CapturedLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(Log.AddTo, $"CORS_ORIGIN={AllowedOrigin}");
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Task<TestParticipant> ConnectAsync(string username = "Ada", string? userId = null) =>
        TestParticipant.ConnectAsync(BaseAddress, username, userId ?? Guid.NewGuid().ToString());

    public async Task<string> CreateSessionAsync(string language = "javascript") => (await CreateInterviewAsync(language)).Id;

    /// <summary>A new session's id and its interviewer key.</summary>
    public async Task<(string Id, string Key)> CreateInterviewAsync(string language = "javascript")
    {
        var response = await Http.PostAsync("/api/sessions/create", Json.Body(new { language }));
        response.EnsureSuccessStatusCode();
        var created = await Json.ReadAsync(response);
        return (created.Str("sessionId"), created.Str("interviewerKey"));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
