using System.Text.Json;
using Interview.Shared.Contracts;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

/// <summary>The client-to-server records and the invocation answers write the names the client's anonymous objects wrote (camelCase, as SignalR's JSON protocol does).</summary>
public class ClientPayloadWireTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Each_payload_writes_the_protocols_field_names()
    {
        Assert.Equal(
            """{"sessionId":"s","userId":"u","username":"Ada","protocol":"ot","revision":3,"clientId":null,"userToken":null,"interviewerKey":null,"notesRevision":null}""",
            JsonSerializer.Serialize(new JoinSessionPayload("s", "u", "Ada", OtProtocol.Name, 3), Web));
        Assert.Equal("""{"sessionId":"s","userId":"u","code":"x","language":"python"}""", JsonSerializer.Serialize(new CodeChangePayload("s", "u", "x", "python"), Web));
        Assert.Equal("""{"sessionId":"s","userId":"u","language":"python"}""", JsonSerializer.Serialize(new LanguageChangePayload("s", "u", "python"), Web));
        Assert.Equal(
            """{"sessionId":"s","clientId":"c","seq":2,"revision":1,"operation":["x"],"document":null}""",
            JsonSerializer.Serialize(SubmitOperationPayload.For("s", new Submission("c", 2, 1, new TextOperation.Builder().Insert("x").Build())), Web));
        Assert.Equal(
            """{"sessionId":"s","clientId":"c","seq":2,"revision":1,"operation":["x"],"document":"notes"}""",
            JsonSerializer.Serialize(SubmitOperationPayload.For("s", new Submission("c", 2, 1, new TextOperation.Builder().Insert("x").Build(), Documents.Notes)), Web));
        Assert.Equal("""{"sessionId":"s"}""", JsonSerializer.Serialize(new EndSessionPayload("s"), Web));
        Assert.Equal(
            """{"sessionId":"s","kind":"paste","chars":12,"lines":2,"awayMs":null}""",
            JsonSerializer.Serialize(new ActivityPayload("s", ActivityKinds.Paste, 12, 2), Web));
        Assert.Equal("""{"sessionId":"s","selections":[{"anchor":1,"head":2}]}""", JsonSerializer.Serialize(new CursorChangePayload("s", [new SelectionRange(1, 2)]), Web));
        Assert.Equal(
            """{"sessionId":"s","language":"python","success":false,"output":"","error":"boom","executionTime":5,"logs":["a"],"errorCode":"EXECUTION_ERROR","line":3}""",
            JsonSerializer.Serialize(ExecutionResultPayload.For("s", new ExecutionResult("python", false, "", "boom", 5, ["a"], ErrorCodes.ExecutionError, 3)), Web));
    }

    [Fact]
    public void A_run_survives_its_payload()
    {
        var run = new ExecutionResult("python", false, "", "boom", 5, ["a"], ErrorCodes.ExecutionError, 3);
        Assert.Equivalent(run, ExecutionResultPayload.For("s", run).ToRun());
    }

    [Fact]
    public void A_submissions_answer_is_its_revision_or_its_error_never_both_names()
    {
        Assert.Equal("""{"revision":4}""", JsonSerializer.Serialize(new SubmitResult(4), Web));
        var error = new ErrorPayload("m", ErrorCodes.InvalidPayload, new Dictionary<string, string> { ["field"] = "seq" });
        Assert.Equal("""{"error":{"message":"m","code":"INVALID_PAYLOAD","details":{"field":"seq"}}}""", JsonSerializer.Serialize(new SubmitResult(Error: error), Web));
        Assert.Equal(JsonSerializer.Serialize(new SubmitResult(Error: error), Web), JsonSerializer.Serialize(new RefusedInvocation(error), Web));
        Assert.DoesNotContain("userToken", new JoinSessionPayload("s", "u", UserToken: "secret").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new JoinSessionPayload("s", "u", UserToken: "secret").ToString(), StringComparison.Ordinal);
    }
}
