using System.Net.Http.Headers;
using System.Text.Json;

namespace Interview.Gateway.Tests;

/// <summary>GET and DELETE of a session's recording, as an interviewer's tool would call them.</summary>
public sealed class RecordingClient(HttpClient http)
{
    public Task<HttpResponseMessage> GetAsync(string sessionId, string? key, string? path = null) =>
        SendAsync(HttpMethod.Get, path ?? $"/api/sessions/{sessionId}/recording", key);

    public Task<HttpResponseMessage> DeleteAsync(string sessionId, string? key) =>
        SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}/recording", key);

    /// <summary>Every page, following next; the pages' JSON in order.</summary>
    public async Task<List<JsonElement>> PagesAsync(string sessionId, string key)
    {
        var pages = new List<JsonElement>();
        string? path = null;
        do
        {
            var response = await GetAsync(sessionId, key, path);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var page = await Json.ReadAsync(response);
            pages.Add(page);
            path = page.TryGetProperty("next", out var next) ? next.GetString() : null;
        }
        while (path is not null);

        return pages;
    }

    /// <summary>All the recording's events, in order.</summary>
    public async Task<List<JsonElement>> EventsAsync(string sessionId, string key) =>
        [.. (await PagesAsync(sessionId, key)).SelectMany(page => page.GetProperty("events").EnumerateArray())];

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http.SendAsync(request);
    }
}
