using Interview.Client.Services;

namespace Interview.Client.Sessions;

/// <summary>
/// This browser's identity in one session: the userToken kept for it in localStorage, sent when joining
/// and replaced by each one the session issues (docs/protocol.md, "Identity").
/// </summary>
public sealed class SessionIdentity(LocalIdentity identity, SessionConnection connection, TimeProvider clock, string sessionKey)
{
    // A second apart: long enough for a tab opened at the same moment to store its token.
    private const int Looks = 3;

    public async Task UseStoredTokenAsync() => connection.UserToken = await identity.GetTokenAsync(sessionKey);

    public Task KeepAsync(string token) => identity.SetTokenAsync(sessionKey, token);

    /// <summary>
    /// FORBIDDEN: this browser's user id is in the session under a token this tab does not have. Another tab
    /// of this browser may have just been given it (it is kept in localStorage): with it, this tab joins
    /// again and the answer is true. False when no such token comes: someone else took the id while this
    /// browser was away.
    /// </summary>
    public async Task<bool> ReclaimAsync()
    {
        for (var look = 0; look < Looks; look++)
        {
            if (await identity.GetTokenAsync(sessionKey) is { } stored && stored != connection.UserToken)
            {
                connection.UserToken = stored;
                await connection.ResyncAsync();
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock);
        }

        return false;
    }
}
