using Interview.Grains.Sessions;
using Interview.Grains.Sessions.Core;
using Interview.Shared.Contracts;

namespace Interview.Grains.Tests.Interviews;

/// <summary>The program input: one text for everyone, at most 10 KB, final with the code (docs/protocol.md, "Program input").</summary>
[Collection(ClusterCollection.Name)]
public class ProgramInputTests(ClusterFixture fixture)
{
    private static readonly string Ada = Guid.NewGuid().ToString();
    private static readonly string Bob = Guid.NewGuid().ToString();

    [Fact]
    public async Task A_change_reaches_everyone_else_and_every_later_join()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        Assert.Equal(string.Empty, (await grain.Join(listener.Request("a", Ada, "Ada"))).Joined!.Input);
        await grain.Join(listener.Request("b", Bob, "Bob"));

        Assert.Null(await grain.ChangeInput("a", "3\n1 2 3\n"));

        var changed = await listener.EventAsync<InputChanged>();
        Assert.Equal(("3\n1 2 3\n", Ada, "Ada"), (changed.Input, changed.UserId, changed.Username));
        Assert.Equal(["b"], listener.Events.Single(e => e.Change is InputChanged).Recipients); // not back to the tab that typed it
        var joined = (await grain.Join(listener.Request("c", Guid.NewGuid().ToString(), "Cid"))).Joined!;
        Assert.Equal("3\n1 2 3\n", joined.Input);

        Assert.Null(await grain.ChangeInput("b", "3\n1 2 3\n")); // the same text again: nobody is told
        Assert.Null(await grain.ChangeInput("b", string.Empty));
        await listener.EventAsync<InputChanged>(c => c.Input.Length == 0 && c.UserId == Bob);
        Assert.Equal(2, listener.Events.Count(e => e.Change is InputChanged));
    }

    [Fact]
    public async Task Input_over_10_KB_is_refused_and_nothing_changes()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.Join(listener.Request("b", Bob));
        Assert.Null(await grain.ChangeInput("a", "kept"));
        await listener.EventAsync<InputChanged>();

        var exactly = new string('x', 10 * 1024);
        var refused = await grain.ChangeInput("a", exactly + "x");
        var multibyte = await grain.ChangeInput("a", new string('é', 5 * 1024 + 1)); // 10,242 bytes in 5,121 characters

        Assert.Equal((ErrorCodes.InvalidPayload, "input"), (refused!.Code, refused.Details!["field"]));
        Assert.Equal((ErrorCodes.InvalidPayload, "input"), (multibyte!.Code, multibyte.Details!["field"]));
        Assert.Equal("kept", (await grain.Join(listener.Request("c", Guid.NewGuid().ToString()))).Joined!.Input);
        Assert.Null(await grain.ChangeInput("a", exactly)); // the limit itself is allowed
        await listener.EventAsync<InputChanged>(c => c.Input.Length == exactly.Length);
        Assert.Equal(2, listener.Events.Count(e => e.Change is InputChanged));
    }

    [Fact]
    public async Task Only_members_change_it_and_it_is_final_once_the_interview_ends()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("ada", Ada, "Ada").AsInterviewer());
        await grain.Join(listener.Request("bob", Bob, "Bob"));

        Assert.NotNull(await grain.ChangeInput("stranger", "mine"));
        Assert.Null(await grain.ChangeInput("bob", "candidate's"));
        await grain.EndInterview("ada");

        Assert.Equal(ErrorCodes.SessionEnded, (await grain.ChangeInput("bob", "after"))!.Code);
        Assert.Equal(ErrorCodes.SessionEnded, (await grain.ChangeInput("ada", "after"))!.Code);
        Assert.Equal("candidate's", (await grain.Join(listener.Request("late", Guid.NewGuid().ToString(), "Late"))).Joined!.Input);
    }

    [Fact]
    public async Task The_input_survives_a_new_activation()
    {
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var listener = await SessionListener.StartAsync(fixture, id);
        await grain.Join(listener.Request("a", Ada));
        await grain.ChangeInput("a", "first");
        await grain.ChangeInput("a", "5\nlast\n");
        await grain.Leave("a");

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal("5\nlast\n", (await grain.Join(listener.Request("b", Bob))).Joined!.Input);
    }
}
