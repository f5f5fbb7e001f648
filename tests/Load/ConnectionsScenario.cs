using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Load;

/// <summary>
/// The "1000+ connections" target, taken to --connections: idle participants, ten per session, joined in
/// batches until all are held or one fails; the gateway's memory before and after says what each costs.
/// </summary>
public static class ConnectionsScenario
{
    public static async Task<Report> RunAsync(LoadOptions options, GatewayUnderTest gateway)
    {
        var report = new Report { Scenario = "connections", Setup = new() { ["connections"] = options.Connections } };
        const int perSession = 10;
        const int batch = 250;
        using var sessions = new Sessions(gateway.Address);
        var ids = await sessions.CreateAsync((options.Connections + perSession - 1) / perSession);
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the gateway settles after the creations
        var before = gateway.ResidentBytes();

        var held = new List<HubConnection>();
        try
        {
            for (var start = 0; start < options.Connections; start += batch)
            {
                var joined = await Task.WhenAll(Enumerable.Range(start, Math.Min(batch, options.Connections - start)).Select(i => JoinAsync(gateway.Hub, ids[i / perSession])));
                held.AddRange(joined);
                if (held.Count % 2000 == 0)
                {
                    Console.Error.WriteLine($"connections: {held.Count} held, gateway at {gateway.ResidentBytes() / 1024 / 1024} MB");
                }
            }
        }
        catch (Exception exception)
        {
            report.Errors[exception.GetType().Name] = 1;
            report.Notes.Add($"stopped at {held.Count}: {exception.Message}");
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // allocations of the joins settle into the steady state
        var after = gateway.ResidentBytes();
        report.ConnectionsHeld = held.Count(c => c.State == HubConnectionState.Connected);
        report.ServerMemoryMegabytes = after / 1024.0 / 1024.0;
        report.ServerKilobytesPerConnection = before is { } b && after is { } a && held.Count > 0 ? (a - b) / 1024.0 / held.Count : null;
        report.RestCreate = sessions.Create.Summary();
        report.Diverged = held.Count < options.Connections ? 1 : 0; // a connection that could not be held counts as a failure
        await Task.WhenAll(held.Select(c => c.DisposeAsync().AsTask()));
        return report;
    }

    private static async Task<HubConnection> JoinAsync(Uri hub, string sessionId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SessionJoined>(HubEvents.SessionJoined, _ => joined.TrySetResult());
        await connection.StartAsync();
        await connection.SendAsync(HubMethods.JoinSession, new { sessionId, userId = Guid.NewGuid().ToString(), username = "idle", protocol = "ot" });
        await joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return connection;
    }
}
