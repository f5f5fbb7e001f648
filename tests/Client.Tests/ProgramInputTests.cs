using Interview.Client.Running;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

/// <summary>The program input box's text: sent whole once typing pauses, other tabs' changes shown (docs/protocol.md, "Program input").</summary>
public class ProgramInputTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _sent = [];
    private readonly ProgramInput _input;

    public ProgramInputTests() => _input = new ProgramInput(text => { _sent.Add(text); return Task.CompletedTask; }, _clock);

    [Fact]
    public void A_burst_of_typing_is_sent_once_as_the_whole_text_when_it_pauses()
    {
        _input.Joined("given");
        foreach (var text in new[] { "1", "1\n", "1\n2", "1\n2 3" })
        {
            _input.Typed(text);
            _clock.Advance(ProgramInput.SendDelay / 2);
        }

        Assert.Empty(_sent);
        _clock.Advance(ProgramInput.SendDelay);

        Assert.Equal(["1\n2 3"], _sent);
        Assert.Equal("1\n2 3", _input.Text);
    }

    [Fact]
    public async Task Leaving_the_box_sends_at_once_and_only_what_changed()
    {
        _input.Joined("same");
        _input.Typed("same"); // typed back to what the session has: nothing to send
        await _input.FlushAsync();
        _input.Typed("new");
        await _input.FlushAsync();
        _clock.Advance(ProgramInput.SendDelay * 2);

        Assert.Equal(["new"], _sent);
    }

    [Fact]
    public void Another_tab_s_change_is_shown_unless_this_tab_has_typing_to_send()
    {
        var renders = 0;
        _input.Changed += () => renders++;
        _input.Received("theirs");
        Assert.Equal(("theirs", 1), (_input.Text, renders));

        _input.Typed("mine");
        _input.Received("theirs again");
        Assert.Equal("mine", _input.Text); // never replaced under the typist's fingers
        _clock.Advance(ProgramInput.SendDelay);
        Assert.Equal(["mine"], _sent);

        _input.Received("theirs, later");
        Assert.Equal("theirs, later", _input.Text);
    }

    [Fact]
    public async Task Input_over_10_KB_is_kept_in_the_box_but_never_sent()
    {
        _input.Typed(new string('é', 5 * 1024 + 1));
        _clock.Advance(ProgramInput.SendDelay * 2);
        await _input.FlushAsync();

        Assert.Empty(_sent);
        Assert.Equal("Input over 10 KB is not shared and cannot be run; shorten it.", _input.Problem);
        _input.Received("someone else's");
        Assert.Equal(5 * 1024 + 1, _input.Text.Length); // the over-long text stays for its typist to shorten

        _input.Typed("short");
        _clock.Advance(ProgramInput.SendDelay);
        Assert.Equal(["short"], _sent);
        Assert.Null(_input.Problem);
    }
}
