using Microsoft.Extensions.Logging;

namespace Interview.Gateway.Tests;

public static class LogAssert
{
    /// <summary>The most a line's message may hold: bad input must not make log flooding cheap.</summary>
    public const int MaxMessage = 300;

    /// <summary>
    /// Nothing at error, no stack trace, every message short: bad input is the client's doing. Orleans'
    /// own lines are left out: the shared test gateway's runtime warns about other tests' sessions at any
    /// time (a stream item for a subscriber that has left), and input reaches it only through our code.
    /// </summary>
    public static void Short(IReadOnlyList<CapturedLog.Entry> entries)
    {
        Assert.All(entries.Where(entry => !entry.Category.StartsWith("Orleans", StringComparison.Ordinal)), entry =>
        {
            Assert.True(entry.Level < LogLevel.Error && entry.Exception is null, $"logged at {entry.Level}: {entry}");
            Assert.True(entry.Message.Length < MaxMessage, $"a {entry.Message.Length}-character line: {entry}");
        });
    }
}
