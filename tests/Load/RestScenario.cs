namespace Interview.Load;

/// <summary>The REST target (under 100 ms): --requests session creations, then as many lookups, 8 at a time.</summary>
public static class RestScenario
{
    public static async Task<Report> RunAsync(LoadOptions options, GatewayUnderTest gateway)
    {
        var report = new Report { Scenario = "rest", Setup = new() { ["requests"] = options.Requests, ["parallel"] = 8 } };
        using var sessions = new Sessions(gateway.Address);
        await sessions.CreateAsync(Math.Min(200, options.Requests)); // warm-up, not counted
        using var measured = new Sessions(gateway.Address);
        var ids = await measured.CreateAsync(options.Requests);
        await measured.LookUpAsync(ids);
        report.RestCreate = measured.Create.Summary();
        report.RestLookup = measured.Lookup.Summary();
        report.ServerMemoryMegabytes = gateway.ResidentBytes() / 1024.0 / 1024.0;
        return report;
    }
}
