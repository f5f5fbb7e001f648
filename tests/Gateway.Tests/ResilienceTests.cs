using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public class ResilienceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_reactivated_session_gets_its_participants_back_from_the_gateway()
    {
        var id = await fixture.CreateSessionAsync();
        await using var ada = await fixture.ConnectAsync("Ada");
        await using var bob = await fixture.ConnectAsync("Bob");
        await ada.JoinAsync(id);
        await bob.JoinAsync(id);
        await ada.ChangeCodeAsync(id, "before");
        await bob.EventAsync(HubEvents.CodeUpdate);

        // Every activation goes; the session comes back from storage knowing nobody.
        var grains = fixture.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The gateway's lease renewal notices and joins its connections again.
        await Eventually.HoldsAsync(async () => await UserCountAsync(id) == 2, "both users are back in the session");
        await ada.ChangeCodeAsync(id, "after");
        await bob.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "after");
        Assert.Equal(0, ada.Count(HubEvents.Error));
        await using var carol = await fixture.ConnectAsync("Carol");
        Assert.Equal("after", (await carol.JoinAsync(id)).Str("currentCode"));
    }

    [Fact]
    public async Task A_gateway_holds_one_subscription_per_session_whatever_comes_and_goes()
    {
        var id = await fixture.CreateSessionAsync();
        var stream = fixture.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(Interview.Grains.Sessions.SessionStreams.Provider)
            .GetStream<Interview.Grains.Sessions.SessionEvent>(Interview.Grains.Sessions.SessionStreams.For(Guid.Parse(id)));

        for (var round = 0; round < 3; round++)
        {
            await using var ada = await fixture.ConnectAsync("Ada");
            await using var bob = await fixture.ConnectAsync("Bob");
            await ada.JoinAsync(id);
            await bob.JoinAsync(id);
            Assert.Single(await stream.GetAllSubscriptionHandles());
        }

        await Eventually.HoldsAsync(async () => (await stream.GetAllSubscriptionHandles()).Count == 0, "the last leave ends the subscription");
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_from_CORS_ORIGIN()
    {
        async Task<string?> AllowedOriginFor(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/sessions/create");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            var response = await fixture.Http.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal(GatewayFixture.AllowedOrigin, await AllowedOriginFor(GatewayFixture.AllowedOrigin));
        Assert.Null(await AllowedOriginFor("https://evil.example"));
    }

    private async Task<int> UserCountAsync(string id) =>
        (await Json.ReadAsync(await fixture.Http.GetAsync($"/api/sessions/{id}"))).Int("userCount");
}
