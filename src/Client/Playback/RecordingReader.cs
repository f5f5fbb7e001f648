using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Interview.Shared.Contracts;

namespace Interview.Client.Playback;

public enum RecordingStatus
{
    Loaded,
    NoKey,
    WrongKey,
    NotFound,
    Unavailable,
}

/// <summary>What reading a recording gave: the replay, or why there is none.</summary>
public sealed record RecordingLoad(RecordingStatus Status, Replay? Replay = null, DateTimeOffset? EndedAt = null);

/// <summary>GET /api/sessions/{id}/recording with the interviewer key, every page (docs/protocol.md, "Recording and playback").</summary>
public sealed class RecordingReader(HttpClient http)
{
    public async Task<RecordingLoad> ReadAsync(string sessionId, string key, CancellationToken cancellation = default)
    {
        var events = new List<RecordedEvent>();
        RecordingPage? first = null;
        var path = $"api/sessions/{Uri.EscapeDataString(sessionId)}/recording";
        while (path is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellation);
            }
            catch (HttpRequestException)
            {
                return new RecordingLoad(RecordingStatus.Unavailable);
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        var page = await response.Content.ReadFromJsonAsync(RecordingJson.Default.RecordingPage, cancellation);
                        first ??= page;
                        events.AddRange(page!.Events);
                        path = page.Next;
                        break;
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        return new RecordingLoad(RecordingStatus.WrongKey);
                    case HttpStatusCode.NotFound or HttpStatusCode.BadRequest:
                        return new RecordingLoad(RecordingStatus.NotFound);
                    default:
                        return new RecordingLoad(RecordingStatus.Unavailable);
                }
            }
        }

        return new RecordingLoad(RecordingStatus.Loaded, new Replay(first!.CreatedAt, first.Initial, events), first.EndedAt);
    }
}
