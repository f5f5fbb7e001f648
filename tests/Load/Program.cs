using Interview.Load;

// The load tool: the performance scenarios (docs/architecture.md, "The path of a keystroke") against a gateway on loopback. Prints a table and one
// JSON line; exits 1 if any edit was lost or doubled or any client's text differs from the session's.
LoadOptions options;
GatewayUnderTest gateway;
try
{
    options = LoadOptions.Parse(args);
    gateway = await GatewayUnderTest.StartOrAttachAsync(options);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

await using var started = gateway;
var report = options.Scenario switch
{
    "typing" or "language" => await TypingScenario.RunAsync(options, gateway),
    "fulltext" => await FullTextScenario.RunAsync(options, gateway),
    "connections" => await ConnectionsScenario.RunAsync(options, gateway),
    _ => await RestScenario.RunAsync(options, gateway),
};

Console.Write(report.ToTable());
Console.WriteLine(report.ToJson());
return report.Passed ? 0 : 1;
