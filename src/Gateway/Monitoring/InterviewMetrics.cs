using System.Diagnostics.Metrics;
using Interview.Gateway.Sessions;

namespace Interview.Gateway.Monitoring;

/// <summary>
/// The gateway's metrics (docs/architecture.md, "Parts") as System.Diagnostics.Metrics instruments of the meter "Interview", exported at
/// /metrics in Prometheus' text format: active sessions (the whole cluster's), connected users (this
/// gateway's), session creations, hub messages by method, errors by source and code, and shared runs
/// (count by outcome, duration) from which the success rate and the average time follow.
/// </summary>
public sealed class InterviewMetrics
{
    public const string MeterName = "Interview";

    private readonly Counter<long> _sessionsCreated;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _executions;
    private readonly Histogram<double> _executionTime;

    public InterviewMetrics(IMeterFactory meters, ActiveSessionsProbe activeSessions, LocalSessions sessions)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("interview.sessions.active", () => activeSessions.Latest, "{session}", "Sessions not yet expired, over the whole cluster");
        meter.CreateObservableGauge("interview.users.connected", () => sessions.ConnectedUsers, "{user}", "Users in a session through this gateway");
        _sessionsCreated = meter.CreateCounter<long>("interview.sessions.created", "{session}", "Sessions created");
        _messages = meter.CreateCounter<long>("interview.hub.messages", "{message}", "Hub messages received, by method");
        _errors = meter.CreateCounter<long>("interview.errors", "{error}", "Errors answered, by source (hub, rest) and code");
        _executions = meter.CreateCounter<long>("interview.executions", "{run}", "Runs shared, by language and outcome");
        _executionTime = meter.CreateHistogram<double>("interview.execution.time", "ms", "How long shared runs took, by language");
    }

    public void SessionCreated() => _sessionsCreated.Add(1);

    public void MessageReceived(string method) => _messages.Add(1, new KeyValuePair<string, object?>("method", method));

    public void ErrorAnswered(string source, string code) =>
        _errors.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("code", code));

    public void RunShared(ExecutionResult run)
    {
        var language = new KeyValuePair<string, object?>("language", run.Language);
        _executions.Add(1, language, new KeyValuePair<string, object?>("success", run.Success ? "true" : "false"));
        _executionTime.Record(run.ExecutionTime, language);
    }
}
