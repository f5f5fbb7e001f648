using System.Net.Http.Json;
using Interview.Shared.Contracts;

namespace Interview.Load;

/// <summary>REST calls the scenarios make, timed.</summary>
public sealed class Sessions(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway };

    public Latencies Create { get; } = new();
    public Latencies Lookup { get; } = new();

    /// <summary>Creates <paramref name="count"/> sessions, <paramref name="parallel"/> at a time.</summary>
    public async Task<List<string>> CreateAsync(int count, int parallel = 8, string language = "javascript")
    {
        var ids = new List<string>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, cancellation) =>
        {
            var started = Latencies.Now;
            var response = await _http.PostAsJsonAsync("/api/sessions/create", new { language }, cancellation);
            Create.Add(started);
            response.EnsureSuccessStatusCode();
            var created = await response.Content.ReadFromJsonAsync<CreateSessionResponse>(cancellation);
            lock (ids)
            {
                ids.Add(created!.SessionId);
            }
        });
        return ids;
    }

    public async Task LookUpAsync(IReadOnlyList<string> ids, int parallel = 8) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (id, cancellation) =>
        {
            var started = Latencies.Now;
            (await _http.GetAsync($"/api/sessions/{id}", cancellation)).EnsureSuccessStatusCode();
            Lookup.Add(started);
        });

    public void Dispose() => _http.Dispose();
}
