using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Grains.Tests;

/// <summary>Every language a session can be in: its template, and an untouched template following the language (docs/protocol.md, "REST").</summary>
[Collection(ClusterCollection.Name)]
public class LanguageTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("javascript")]
    [InlineData("python")]
    [InlineData("typescript")]
    [InlineData("sql")]
    public async Task A_session_starts_with_its_language_template(string language)
    {
        var (grain, id) = await fixture.CreateSessionAsync(language);
        await using var listener = await SessionListener.StartAsync(fixture, id);

        var joined = (await grain.Join(listener.Request("a", Guid.NewGuid().ToString()))).Joined!;

        Assert.Equal((language, Languages.Template(language)), (joined.Language, joined.CurrentCode));
    }

    [Fact]
    public async Task An_untouched_template_becomes_each_new_language_template_in_turn()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Guid.NewGuid().ToString()));

        foreach (var language in new[] { "typescript", "sql", "python", "javascript" })
        {
            Assert.Null(await grain.ChangeLanguage("a", language));
            await listener.EventAsync<LanguageChanged>(c => c.Language == language);
            Assert.Equal(Languages.Template(language), (await grain.Join(listener.Request("b", Guid.NewGuid().ToString()))).Joined!.CurrentCode);
        }
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_the_known_ones_named()
    {
        var (grain, id) = await fixture.CreateSessionAsync("sql");
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Guid.NewGuid().ToString()));

        var error = await grain.ChangeLanguage("a", "TypeScript"); // ids are lower case

        Assert.Equal((ErrorCodes.InvalidPayload, "language"), (error!.Code, error.Details!["field"]));
        Assert.Equal("Unknown language 'TypeScript'; use javascript, python, typescript or sql", error.Message);
        Assert.Equal("sql", (await grain.Describe()).Details!.Language);
    }
}
