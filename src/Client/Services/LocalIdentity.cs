using Interview.Shared.Validation;
using Microsoft.JSInterop;

namespace Interview.Client.Services;

/// <summary>
/// Who this browser is: a user id made once and a display name asked once, both kept in localStorage, and
/// per session the userToken the session gave that id, so every tab of this browser is the same participant,
/// and the session's interviewer key when this browser created the session or opened its interviewer link
/// (docs/protocol.md, "Roles, notes, ending and activity").
/// </summary>
public sealed class LocalIdentity(IJSRuntime js)
{
    private const string UserIdKey = "interview.userId";
    private const string NameKey = "interview.username";
    private const string TokenKeyPrefix = "interview.userToken.";
    private const string InterviewerKeyPrefix = "interview.interviewerKey.";

    public async Task<string> GetUserIdAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", UserIdKey);
        if (SessionIds.IsUuid(stored))
        {
            return stored!;
        }

        var created = Guid.NewGuid().ToString();
        await js.InvokeVoidAsync("localStorage.setItem", UserIdKey, created);
        return created;
    }

    public async Task<string?> GetNameAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", NameKey);
        return string.IsNullOrWhiteSpace(stored) ? null : Usernames.Clean(stored);
    }

    public async Task<string> SetNameAsync(string name)
    {
        var cleaned = Usernames.Clean(name);
        await js.InvokeVoidAsync("localStorage.setItem", NameKey, cleaned);
        return cleaned;
    }

    public async Task<string?> GetTokenAsync(string sessionId)
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", TokenKeyPrefix + sessionId);
        return UserTokens.IsWellFormed(stored) ? stored : null;
    }

    public async Task SetTokenAsync(string sessionId, string token) =>
        await js.InvokeVoidAsync("localStorage.setItem", TokenKeyPrefix + sessionId, token);

    public async Task<string?> GetInterviewerKeyAsync(string sessionId)
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", InterviewerKeyPrefix + sessionId.ToLowerInvariant());
        return InterviewerLink.IsKeyShaped(stored) ? stored : null;
    }

    public async Task SetInterviewerKeyAsync(string sessionId, string key) =>
        await js.InvokeVoidAsync("localStorage.setItem", InterviewerKeyPrefix + sessionId.ToLowerInvariant(), key);

    public async Task ForgetInterviewerKeyAsync(string sessionId) =>
        await js.InvokeVoidAsync("localStorage.removeItem", InterviewerKeyPrefix + sessionId.ToLowerInvariant());
}
