using System.Globalization;

namespace Interview.Load;

/// <summary>The command line: a scenario and its sizes. Unknown or malformed arguments stop the tool with a message.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        dotnet run -c Release --project tests/Load -- SCENARIO [options]

        scenarios:
          typing       SESSIONS x USERS each typing RATE keystrokes a second through submit-operation
          fulltext     the same through the full-text protocol's code-change
          language     typing while one user per session switches the language RATE times a second
          connections  ramps idle connections (10 per session) until --connections are held or one fails
          rest         --requests session creations (8 at a time), then as many lookups

        options (defaults in brackets):
          --sessions N [100]  --users N [10]  --rate N [5]  --seconds N [30]  --warmup N [5]
          --doc-bytes N [0: the language's template]   start every session with N bytes of code
          --delay-ms N [0]    add N ms each way between clients and gateway (a loopback proxy)
          --connections N [10000]   --requests N [2000]
          --url URL           a running gateway on loopback, instead of starting one (then no server figures)
          --server NAME=VALUE environment for the started gateway (repeatable), e.g. DOTNET_gcServer=1
        """;

    public string Scenario { get; init; } = "typing";
    public int Sessions { get; init; } = 100;
    public int Users { get; init; } = 10;
    public double Rate { get; init; } = 5;
    public int Seconds { get; init; } = 30;
    public int Warmup { get; init; } = 5;
    public int DocBytes { get; init; }
    public int DelayMilliseconds { get; init; }
    public int Connections { get; init; } = 10_000;
    public int Requests { get; init; } = 2000;
    public Uri? Url { get; init; }
    public Dictionary<string, string> ServerEnvironment { get; init; } = [];

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            throw new ArgumentException(Usage);
        }

        var options = new LoadOptions { Scenario = args[0] };
        if (options.Scenario is not ("typing" or "fulltext" or "language" or "connections" or "rest"))
        {
            throw new ArgumentException($"Unknown scenario '{args[0]}'\n\n{Usage}");
        }

        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sessions" => options with { Sessions = Positive(args[i], value) },
                "--users" => options with { Users = Math.Min(Positive(args[i], value), Letters.Length) },
                "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = Positive(args[i], value) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--doc-bytes" => options with { DocBytes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--delay-ms" => options with { DelayMilliseconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = Positive(args[i], value) },
                "--requests" => options with { Requests = Positive(args[i], value) },
                "--url" => options with { Url = new Uri(value) },
                "--server" when value.Split('=', 2) is [var name, var setting] => options with { ServerEnvironment = new(options.ServerEnvironment) { [name] = setting } },
                _ => throw new ArgumentException($"Unknown option {args[i]} {value}\n\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary>Each user of a session types only its own letter; none of them occurs in the templates.</summary>
    public const string Letters = "αβγδεζηθικλμνξοπρστυφχψω";

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a positive whole number, got '{value}'");
}
