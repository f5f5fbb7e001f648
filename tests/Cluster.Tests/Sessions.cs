using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Interview.Shared.Contracts;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>Creating sessions over REST, and checking what typists ended up with.</summary>
public static partial class Sessions
{
    public static async Task<Guid> CreateAsync(HttpClient gateway, string language = "python")
    {
        var response = await gateway.PostAsJsonAsync("/api/sessions/create", new { language });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreateSessionResponse>();
        return Guid.Parse(created!.SessionId);
    }

    /// <summary>
    /// Waits until every typist has all its typing acknowledged and all show one text; then checks that
    /// a newcomer joining now gets that text, and that it holds every typed token exactly once around
    /// the language's template.
    /// </summary>
    public static async Task<string> ConvergedAsync(Uri gateway, Guid sessionId, string template, params Typist[] typists)
    {
        await Eventually.HoldsAsync(async () =>
        {
            var texts = new List<string>();
            foreach (var typist in typists)
            {
                if (!await typist.SettledAsync())
                {
                    return false;
                }

                texts.Add(await typist.TextAsync());
            }

            return texts.Distinct().Count() == 1;
        }, "every typist's typing is acknowledged and all show the same text", TimeSpan.FromSeconds(90));

        var text = await typists[0].TextAsync();
        await using (var newcomer = await Typist.JoinAsync(gateway, sessionId, "Newcomer"))
        {
            Assert.Equal(text, await newcomer.TextAsync());
        }

        var typed = typists.SelectMany(typist => typist.Typed).ToList();
        var found = Token().Matches(text).Select(match => match.Value).ToList();
        var missing = typed.Except(found).ToList();
        var doubled = found.GroupBy(token => token).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(missing.Count == 0, $"tokens lost: {string.Join(' ', missing)}");
        Assert.True(doubled.Count == 0, $"tokens doubled: {string.Join(' ', doubled)}");
        Assert.Equal(typed.Count, found.Count);
        Assert.Equal(template, Token().Replace(text, string.Empty));
        return text;
    }

    [GeneratedRegex(@"\[[A-Z][0-9]+\]")]
    private static partial Regex Token();
}
