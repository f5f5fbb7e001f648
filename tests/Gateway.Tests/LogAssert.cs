using Microsoft.Extensions.Logging;

namespace Interview.Gateway.Tests;

public static class LogAssert
{
    /// <summary>The most a line's message may hold: bad input must not make log flooding cheap.</summary>
    public const int MaxMessage = 300;

    /// <summary>Nothing at error, no stack trace, every message short: bad input is the client's doing.</summary>
    public static void Short(IReadOnlyList<CapturedLog.Entry> entries)
    {
        Assert.All(entries, entry =>
        {
            Assert.True(entry.Level < LogLevel.Error && entry.Exception is null, $"logged at {entry.Level}: {entry}");
            Assert.True(entry.Message.Length < MaxMessage, $"a {entry.Message.Length}-character line: {entry}");
        });
    }
}
