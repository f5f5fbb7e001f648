using System.Net;
using Interview.Grains.Journal;
using Interview.Shared.Contracts;
using Interview.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Gateway.Tests;

/// <summary>A session whose store fails while it activates: a clear answer (never a 500), and nothing lost once the store is back.</summary>
public class UnloadableSessionTests
{
    [Fact]
    public async Task A_session_that_cannot_be_loaded_answers_503_and_comes_back_whole()
    {
        var journal = new FailingJournal();
        await using var gateway = await TestGateway.StartAsync(services => services.AddSingleton<ISessionJournal>(journal));
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var id = (await Json.ReadAsync(await http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" })))).Str("sessionId");
        await using (var ada = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Ada", Guid.NewGuid().ToString()))
        {
            await ada.JoinAsync(id);
            await ada.ChangeCodeAsync(id, "print('kept')", "python");
        }

        var grains = gateway.Services.GetRequiredService<IGrainFactory>();
        await Eventually.HoldsAsync(async () => (await Json.ReadAsync(await http.GetAsync($"/api/sessions/{id}"))).Int("userCount") == 0, "Ada has left");
        journal.Failing = true;

        // Orleans collects only an activation that is idle at that moment (the session may be writing its
        // state after Ada's leave): asked again until the session is gone and its next load fails.
        HttpResponseMessage refused = null!;
        await Eventually.HoldsAsync(
            async () =>
            {
                await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                refused = await http.GetAsync($"/api/sessions/{id}");
                return refused.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            "the session was collected and its load failed");
        var body = await Json.ReadAsync(refused);
        Assert.Equal(("Session unavailable", id, ErrorCodes.ConnectionError), (body.Str("error"), body.Str("sessionId"), body.Str("code")));
        await using var bob = await TestParticipant.ConnectAsync(gateway.BaseAddress, "Bob", Guid.NewGuid().ToString());
        var joinError = await bob.ErrorFromAsync(HubMethods.JoinSession, new { sessionId = id, userId = bob.UserId, username = "Bob" });
        Assert.Equal(ErrorCodes.ConnectionError, joinError.Str("code"));

        journal.Failing = false;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sessions/{id}")).StatusCode);
        Assert.Equal("print('kept')", (await bob.JoinAsync(id)).Str("currentCode"));
    }

    /// <summary>A journal whose reads fail while <see cref="Failing"/> is set, as a store that is down would.</summary>
    private sealed class FailingJournal : ISessionJournal
    {
        private readonly Dictionary<Guid, List<JournalEntry>> _entries = [];

        public volatile bool Failing;

        public Task AppendAsync(Guid sessionId, JournalEntry entry, RecordedEvent? recorded = null)
        {
            lock (_entries)
            {
                (_entries.TryGetValue(sessionId, out var list) ? list : _entries[sessionId] = []).Add(entry);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(Guid sessionId)
        {
            if (Failing)
            {
                throw new IOException("The store is unavailable");
            }

            lock (_entries)
            {
                return Task.FromResult<IReadOnlyList<JournalEntry>>(_entries.TryGetValue(sessionId, out var list) ? [.. list] : []);
            }
        }

        public Task TrimAsync(Guid sessionId, int keep) => Task.CompletedTask;

        public Task DeleteAsync(Guid sessionId) => Task.CompletedTask;
    }
}
