using System.Net;
using System.Net.Http.Json;
using Interview.Shared.Contracts;

namespace Interview.Client.Services;

public enum SessionLookupStatus
{
    Found,
    NotFound,
    Expired,
    Invalid,
}

public sealed record SessionLookupResult(SessionLookupStatus Status, SessionDetails? Details = null);

/// <summary>The gateway's REST API, as the browser calls it.</summary>
public sealed class SessionApi(HttpClient http)
{
    public async Task<CreateSessionResponse> CreateAsync(string language)
    {
        var response = await http.PostAsJsonAsync("api/sessions/create", new { language });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreateSessionResponse>())!;
    }

    public async Task<SessionLookupResult> LookupAsync(string sessionId)
    {
        var response = await http.GetAsync($"api/sessions/{Uri.EscapeDataString(sessionId)}");
        if (response.IsSuccessStatusCode)
        {
            return new SessionLookupResult(SessionLookupStatus.Found, await response.Content.ReadFromJsonAsync<SessionDetails>());
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.BadRequest:
                return new SessionLookupResult(SessionLookupStatus.Invalid);
            case HttpStatusCode.NotFound:
                var error = await response.Content.ReadFromJsonAsync<ApiError>();
                return new SessionLookupResult(error?.Code == ErrorCodes.SessionExpired ? SessionLookupStatus.Expired : SessionLookupStatus.NotFound);
            default:
                throw new HttpRequestException($"Looking up the session failed ({(int)response.StatusCode})", null, response.StatusCode);
        }
    }
}
