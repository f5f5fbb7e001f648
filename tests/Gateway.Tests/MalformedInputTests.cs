using System.Net;
using System.Text;
using System.Text.Json;
using Interview.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Gateway.Tests;

/// <summary>
/// A battery of malformed REST and hub inputs, one row each, against one session while another goes on
/// beside it: each gets a clear refusal, and afterwards the server still serves, the other session heard
/// nothing, no stored code changed, and nothing was logged as a server failure (no error, no stack
/// trace, no long line).
/// </summary>
[Collection(GatewayCollection.Name)]
public class MalformedInputTests(GatewayFixture fixture)
{
    private const string OtherV4 = "0f8fad5b-d9cb-469f-a165-70867728950e";

    // (what, method, body): the body's SESSION is the target session, OTHER the bystander's, USER the sender's id.
    private static readonly (string What, HttpMethod Method, string Path, string? Body, HttpStatusCode Status)[] RestInputs =
    [
        ("malformed JSON", HttpMethod.Post, "/api/sessions/create", "{", HttpStatusCode.BadRequest),
        ("a JSON array", HttpMethod.Post, "/api/sessions/create", "[]", HttpStatusCode.BadRequest),
        ("language as a number", HttpMethod.Post, "/api/sessions/create", """{"language":5}""", HttpStatusCode.BadRequest),
        ("an unknown language", HttpMethod.Post, "/api/sessions/create", """{"language":"ruby"}""", HttpStatusCode.BadRequest),
        ("a control character in the language", HttpMethod.Post, "/api/sessions/create", "{\"language\":\"python\\u0000\"}", HttpStatusCode.BadRequest),
        ("JSON 200 levels deep", HttpMethod.Post, "/api/sessions/create", new string('[', 200) + new string(']', 200), HttpStatusCode.BadRequest),
        ("a 5 KB body", HttpMethod.Post, "/api/sessions/create", $$"""{"language":"python","pad":"{{new string('x', 5 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ("an id that is no UUID", HttpMethod.Get, "/api/sessions/not-a-uuid", null, HttpStatusCode.BadRequest),
        ("a UUID v1", HttpMethod.Get, "/api/sessions/550e8400-e29b-11d4-a716-446655440000", null, HttpStatusCode.BadRequest),
        ("an id behind a right-to-left override", HttpMethod.Get, "/api/sessions/%E2%80%AE550e8400-e29b-41d4-a716-446655440000", null, HttpStatusCode.BadRequest),
        ("an unknown session", HttpMethod.Get, $"/api/sessions/{OtherV4}", null, HttpStatusCode.NotFound),
        ("an unknown endpoint", HttpMethod.Get, "/api/sessions/SESSION/code", null, HttpStatusCode.NotFound),
        ("DELETE on a session", HttpMethod.Delete, "/api/sessions/SESSION", null, HttpStatusCode.NotFound),
        ("half a surrogate pair in the language", HttpMethod.Post, "/api/sessions/create", """{"language":"\ud800"}""", HttpStatusCode.BadRequest),
        ("a lone low surrogate in the language", HttpMethod.Post, "/api/sessions/create", """{"language":"python\udfff"}""", HttpStatusCode.BadRequest),
        ("the language 1e309", HttpMethod.Post, "/api/sessions/create", """{"language":1e309}""", HttpStatusCode.BadRequest),
        ("the language -0", HttpMethod.Post, "/api/sessions/create", """{"language":-0}""", HttpStatusCode.BadRequest),
        ("the language 9223372036854775808", HttpMethod.Post, "/api/sessions/create", """{"language":9223372036854775808}""", HttpStatusCode.BadRequest),
        ("half a surrogate pair in a path segment", HttpMethod.Get, "/api/sessions/%ED%A0%80", null, HttpStatusCode.BadRequest),
        ("half a surrogate pair in the path and query", HttpMethod.Get, "/api/sessions/x%ED%B0%80?q=%ED%A0%80", null, HttpStatusCode.BadRequest),
        ("half a surrogate pair in an unknown endpoint", HttpMethod.Get, "/api/%ED%A0%80/%ED%A0%80", null, HttpStatusCode.NotFound),
        ("bytes that are no UTF-8 in a path segment", HttpMethod.Get, "/api/sessions/%FF%C0%AF", null, HttpStatusCode.BadRequest),
    ];

    // Session creation bodies that are no JSON object, by content type or by their bytes.
    private static readonly (string What, string? ContentType, byte[] Body, HttpStatusCode Status)[] CreateBodies =
    [
        ("JSON sent as text/plain", "text/plain", """{"language":"python"}"""u8.ToArray(), HttpStatusCode.UnsupportedMediaType),
        ("a form", "application/x-www-form-urlencoded", "language=python"u8.ToArray(), HttpStatusCode.UnsupportedMediaType),
        ("a multipart form", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\npython\r\n--x--"u8.ToArray(), HttpStatusCode.UnsupportedMediaType),
        ("a body without a content type", null, """{"language":"python"}"""u8.ToArray(), HttpStatusCode.UnsupportedMediaType),
        ("JSON under another JSON type", "application/merge-patch+json", """{"language":"python"}"""u8.ToArray(), HttpStatusCode.UnsupportedMediaType),
        ("a surrogate encoded as UTF-8 bytes", "application/json", [.. "{\"language\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], HttpStatusCode.BadRequest),
        ("bytes that are no UTF-8", "application/json", [.. "{\"language\":\""u8, 0xFF, 0xFE, .. "\"}"u8], HttpStatusCode.BadRequest),
    ];

    private static readonly (string What, string Method, string Payload, string Code)[] HubInputs =
    [
        ("a number for a payload", HubMethods.JoinSession, "42", ErrorCodes.InvalidPayload),
        ("join without a session id", HubMethods.JoinSession, """{"userId":"USER"}""", ErrorCodes.InvalidPayload),
        ("join with control characters in the id", HubMethods.JoinSession, "{\"sessionId\":\"SESSION\\u0007\",\"userId\":\"USER\"}", ErrorCodes.InvalidSession),
        ("join with a user id object", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":{"id":"USER"}}""", ErrorCodes.InvalidPayload),
        ("join with an unknown protocol", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"USER","protocol":"v2"}""", ErrorCodes.InvalidPayload),
        ("join with a negative revision", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"USER","protocol":"ot","revision":-1}""", ErrorCodes.InvalidPayload),
        ("code as an array", HubMethods.CodeChange, """{"sessionId":"SESSION","code":["x"],"language":"python","userId":"USER"}""", ErrorCodes.InvalidPayload),
        ("code one byte over 100 KB", HubMethods.CodeChange, $$"""{"sessionId":"SESSION","code":"{{new string('x', 100 * 1024 + 1)}}","language":"python","userId":"USER"}""", ErrorCodes.InvalidPayload),
        ("code for another session", HubMethods.CodeChange, """{"sessionId":"OTHER","code":"hijacked","language":"python","userId":"USER"}""", ErrorCodes.InvalidSession),
        ("code under another user's id", HubMethods.CodeChange, """{"sessionId":"SESSION","code":"spoofed","language":"python","userId":"BOB"}""", ErrorCodes.InvalidPayload),
        ("an unknown language", HubMethods.LanguageChange, """{"sessionId":"SESSION","language":"cobol","userId":"USER"}""", ErrorCodes.InvalidPayload),
        ("a language for another session", HubMethods.LanguageChange, """{"sessionId":"OTHER","language":"javascript","userId":"USER"}""", ErrorCodes.InvalidSession),
        ("an operation longer than the text", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":[100000,"x"]}""", ErrorCodes.InvalidPayload),
        ("an operation that is an object", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":{"insert":"x"}}""", ErrorCodes.InvalidPayload),
        ("an operation with seq 0", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":0,"revision":1,"operation":["x"]}""", ErrorCodes.InvalidPayload),
        ("a client id with spaces", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"a b","seq":1,"revision":1,"operation":["x"]}""", ErrorCodes.InvalidPayload),
        ("an operation for another session", OtProtocol.SubmitOperation, """{"sessionId":"OTHER","clientId":"c","seq":1,"revision":0,"operation":["x"]}""", ErrorCodes.InvalidSession),
        ("selections that are no array", OtProtocol.CursorChange, """{"sessionId":"SESSION","selections":"0-3"}""", ErrorCodes.InvalidPayload),
        ("a thousand selections", OtProtocol.CursorChange, $$"""{"sessionId":"SESSION","selections":[{{string.Join(',', Enumerable.Repeat("""{"anchor":0,"head":0}""", 1000))}}]}""", ErrorCodes.InvalidPayload),
        ("a cursor in another session", OtProtocol.CursorChange, """{"sessionId":"OTHER","selections":[{"anchor":0,"head":0}]}""", ErrorCodes.InvalidSession),
        ("a run's output of 20 KB", HubMethods.ExecutionResult, $$"""{"sessionId":"SESSION","language":"python","success":true,"output":"{{new string('x', 20 * 1024)}}","executionTime":1}""", ErrorCodes.InvalidPayload),
        ("a run shown to another session", HubMethods.ExecutionResult, """{"sessionId":"OTHER","language":"python","success":true,"output":"x","executionTime":1}""", ErrorCodes.InvalidSession),
        ("an operation component of -2147483648", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":[-2147483648]}""", ErrorCodes.InvalidPayload),
        ("an operation component of 2147483648", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":[2147483648,"x"]}""", ErrorCodes.InvalidPayload),
        ("an operation component of 1e309", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":[1e309]}""", ErrorCodes.InvalidPayload),
        ("an operation component of -0", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":["x",-0]}""", ErrorCodes.InvalidPayload),
        ("an operation component of 9223372036854775808", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":[9223372036854775808]}""", ErrorCodes.InvalidPayload),
        ("an operation component of -9223372036854775808", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":["x",-9223372036854775808]}""", ErrorCodes.InvalidPayload),
        ("a revision past 64 bits", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":9223372036854775808,"operation":["x"]}""", ErrorCodes.InvalidPayload),
        ("a revision that never was", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":9223372036854775807,"operation":["x"]}""", ErrorCodes.ResyncRequired),
        ("a seq of -9223372036854775808", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":-9223372036854775808,"revision":1,"operation":["x"]}""", ErrorCodes.InvalidPayload),
        ("a seq of 1e309", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1e309,"revision":1,"operation":["x"]}""", ErrorCodes.InvalidPayload),
        ("a join revision of -0.5", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"USER","protocol":"ot","revision":-0.5}""", ErrorCodes.InvalidPayload),
        ("a join revision of 1e309", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"USER","protocol":"ot","revision":1e309}""", ErrorCodes.InvalidPayload),
        ("a cursor at -2147483648", OtProtocol.CursorChange, """{"sessionId":"SESSION","selections":[{"anchor":-2147483648,"head":0}]}""", ErrorCodes.InvalidPayload),
        ("a cursor at 9223372036854775808", OtProtocol.CursorChange, """{"sessionId":"SESSION","selections":[{"anchor":0,"head":9223372036854775808}]}""", ErrorCodes.InvalidPayload),
        ("a run's time of 1e309", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":true,"output":"","executionTime":1e309}""", ErrorCodes.InvalidPayload),
        ("a run's time of -1e309", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":true,"output":"","executionTime":-1e309}""", ErrorCodes.InvalidPayload),
        ("a run's line of 2147483648", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":false,"output":"","executionTime":1,"line":2147483648}""", ErrorCodes.InvalidPayload),
    ];

    // Payloads no .NET client can write, sent as frames: half of a surrogate pair in each kind of field.
    private static readonly (string What, string Method, string Payload, string Field)[] RawHubInputs =
    [
        ("a username", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"RAW","username":"\ud83d"}""", "username"),
        ("a protocol", HubMethods.JoinSession, """{"sessionId":"SESSION","userId":"RAW","protocol":"\udc00"}""", "protocol"),
        ("code", HubMethods.CodeChange, """{"sessionId":"SESSION","userId":"RAW","code":"x\ud800","language":"python"}""", "code"),
        ("a language", HubMethods.LanguageChange, """{"sessionId":"SESSION","userId":"RAW","language":"\ud800"}""", "language"),
        ("a client id", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"\ud800","seq":1,"revision":1,"operation":["x"]}""", "clientId"),
        ("an insert", OtProtocol.SubmitOperation, """{"sessionId":"SESSION","clientId":"c","seq":1,"revision":1,"operation":["x\udbff"]}""", "operation"),
        ("a run's output", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":true,"output":"\udc00","executionTime":1}""", "output"),
        ("the program input", HubMethods.InputChange, """{"sessionId":"SESSION","input":"1\n\ud800\n"}""", "input"),
        ("a run's input", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":true,"output":"","executionTime":1,"input":"\udc00"}""", "input"),
        ("a run's error code", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"python","success":false,"output":"","executionTime":1,"errorCode":"\ud800"}""", "errorCode"),
        ("a result table's cell", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"sql","success":true,"output":"","executionTime":1,"tables":[{"columns":["a"],"rows":[["x\ud800"]],"rowCount":1,"line":1}]}""", "tables"),
        ("a result table's column", HubMethods.ExecutionResult, """{"sessionId":"SESSION","language":"sql","success":true,"output":"","executionTime":1,"tables":[{"columns":["\udc00"],"rows":[],"rowCount":0}]}""", "tables"),
    ];

    public static TheoryData<string> RestCases => [.. RestInputs.Select(input => input.What)];

    public static TheoryData<string> CreateBodyCases => [.. CreateBodies.Select(input => input.What)];

    public static TheoryData<string> HubCases => [.. HubInputs.Select(input => input.What)];

    public static TheoryData<string> RawHubCases => [.. RawHubInputs.Select(input => input.What)];

    [Fact]
    public void The_battery_is_large_and_each_row_is_named_once()
    {
        Assert.True(RestInputs.Length + CreateBodies.Length + HubInputs.Length + RawHubInputs.Length >= 75);
        Assert.All(
            new[] { RestInputs.Select(i => i.What), CreateBodies.Select(i => i.What), HubInputs.Select(i => i.What), RawHubInputs.Select(i => i.What) },
            names => Assert.Equal(names.Count(), names.Distinct().Count()));
    }

    [Theory]
    [MemberData(nameof(RestCases))]
    public async Task A_bad_REST_request_is_refused_and_nothing_else_changes(string what)
    {
        var (_, method, path, body, status) = RestInputs.Single(input => input.What == what);
        await using var scene = await Scene.StartAsync(fixture);
        using var request = new HttpRequestMessage(method, scene.Fill(path));
        if (body is not null)
        {
            request.Content = new StringContent(scene.Fill(body), Encoding.UTF8, "application/json");
        }

        using var response = await fixture.Http.SendAsync(request);
        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(answer.StartsWith('{') && JsonDocument.Parse(answer).RootElement.TryGetProperty("error", out _), $"{what}: '{answer}'");
        await scene.AssertNothingElseChangedAsync();
    }

    [Theory]
    [MemberData(nameof(CreateBodyCases))]
    public async Task A_creation_body_that_is_no_JSON_object_is_refused_and_nothing_else_changes(string what)
    {
        var (_, contentType, body, status) = CreateBodies.Single(input => input.What == what);
        await using var scene = await Scene.StartAsync(fixture);
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await fixture.Http.PostAsync("/api/sessions/create", content);
        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.TryGetProperty("error", out _) && answer.TryGetProperty("message", out _), $"{what}: {answer}");
        await scene.AssertNothingElseChangedAsync();
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task A_bad_hub_message_is_refused_and_nothing_else_changes(string what)
    {
        var (_, method, payload, code) = HubInputs.Single(input => input.What == what);
        await using var scene = await Scene.StartAsync(fixture);
        var before = scene.Ada.Count(HubEvents.Error);
        var answer = await scene.Ada.Connection.InvokeAsync<JsonElement>(method, JsonDocument.Parse(scene.Fill(payload)).RootElement);
        var error = await scene.Ada.EventAsync(HubEvents.Error, skip: before);
        Assert.True(code == error.Str("code"), $"{what}: {error}");
        Assert.NotEmpty(error.Str("message"));
        Assert.True(code == answer.GetProperty("error").Str("code"), $"{what}: the invocation answered {answer}"); // the reason comes back with the invoke too
        await scene.AssertNothingElseChangedAsync();
    }

    [Theory]
    [MemberData(nameof(RawHubCases))]
    public async Task Half_a_surrogate_pair_in_a_hub_field_is_refused_naming_the_field(string what)
    {
        var (_, method, payload, field) = RawHubInputs.Single(input => input.What == what);
        await using var scene = await Scene.StartAsync(fixture);
        using (var raw = await RawHubSocket.ConnectAsync(fixture.BaseAddress))
        {
            var rawUser = Guid.NewGuid().ToString();
            await raw.SendAsync(HubMethods.JoinSession, $$"""{"sessionId":"{{scene.Target}}","userId":"{{rawUser}}","username":"Raw"}""");
            Assert.Equal(HubEvents.SessionJoined, (await raw.NextEventAsync()).GetProperty("target").GetString());
            await raw.SendAsync(method, scene.Fill(payload).Replace("RAW", rawUser, StringComparison.Ordinal));
            var error = await raw.NextEventAsync();
            var body = error.GetProperty("arguments")[0];
            Assert.True(
                error.Str("target") == HubEvents.Error && body.Str("code") == ErrorCodes.InvalidPayload && body.GetProperty("details").Str("field") == field,
                $"half a surrogate pair in {what}: {error}");
        }

        await scene.AssertNothingElseChangedAsync();
    }

    [Fact]
    public async Task An_unknown_hub_method_is_refused_and_nothing_else_changes()
    {
        await using var scene = await Scene.StartAsync(fixture);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => scene.Ada.Connection.InvokeAsync("drop-table", new { sessionId = scene.Target }));
        await scene.AssertNothingElseChangedAsync();
    }

    /// <summary>A target session Ada is in, a bystander session Bob is in, each with stored code; and the log from here on.</summary>
    private sealed class Scene(GatewayFixture fixture, string target, string bystander, TestParticipant ada, TestParticipant bob, int bobHeard, long mark)
        : IAsyncDisposable
    {
        public string Target => target;

        public TestParticipant Ada => ada;

        public static async Task<Scene> StartAsync(GatewayFixture fixture)
        {
            var mark = fixture.Log.Mark();
            var target = await fixture.CreateSessionAsync("python");
            var bystander = await fixture.CreateSessionAsync("python");
            var ada = await fixture.ConnectAsync("Ada");
            var bob = await fixture.ConnectAsync("Bob");
            await ada.JoinAsync(target);
            await bob.JoinAsync(bystander);
            await ada.ChangeCodeAsync(target, "stored code", "python");
            await bob.ChangeCodeAsync(bystander, "bystander code", "python");
            return new Scene(fixture, target, bystander, ada, bob, bob.Received.Count, mark);
        }

        public string Fill(string text) => text.Replace("SESSION", target, StringComparison.Ordinal).Replace("OTHER", bystander, StringComparison.Ordinal)
            .Replace("USER", ada.UserId, StringComparison.Ordinal).Replace("BOB", bob.UserId, StringComparison.Ordinal);

        /// <summary>The server still serves; nothing stored changed; the other session heard nothing; nothing logged a server failure.</summary>
        public async Task AssertNothingElseChangedAsync()
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/health")).StatusCode);
            await using var carol = await fixture.ConnectAsync("Carol");
            Assert.Equal("stored code", (await carol.JoinAsync(target)).Str("currentCode"));
            await using var dave = await fixture.ConnectAsync("Dave");
            var other = await dave.JoinAsync(bystander);
            Assert.Equal(("bystander code", "python"), (other.Str("currentCode"), other.Str("language")));
            await bob.EventAsync(HubEvents.UserJoined, u => u.Str("username") == "Dave");
            Assert.Equal(bobHeard + 1, bob.Received.Count); // Dave's arrival, and nothing from the other session
            var described = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/sessions/{target}")).RootElement;
            Assert.Equal(["sessionId", "createdAt", "lastActivity", "language", "userCount", "exists"], described.EnumerateObject().Select(p => p.Name));
            await ada.ChangeCodeAsync(target, "still usable", "python");
            await carol.EventAsync(HubEvents.CodeUpdate, u => u.Str("code") == "still usable");

            // None of it was a server failure: no error, no stack trace, no long line.
            LogAssert.Short(fixture.Log.Since(mark));
        }

        public async ValueTask DisposeAsync()
        {
            await ada.DisposeAsync();
            await bob.DisposeAsync();
        }
    }

    [Fact]
    public async Task Usernames_lose_control_characters_and_stop_at_50_characters()
    {
        var id = await fixture.CreateSessionAsync();
        await using var eve = await fixture.ConnectAsync("Eve");
        await eve.Connection.InvokeAsync(HubMethods.JoinSession, new { sessionId = id, userId = eve.UserId, username = "E\u0000v\u001be\u202e" + new string('x', 500) });

        var name = (await eve.EventAsync(HubEvents.SessionJoined)).GetProperty("users")[0].Str("username");

        Assert.Equal(50, name.Length);
        Assert.StartsWith("Eve", name, StringComparison.Ordinal);
        Assert.DoesNotContain(name, char.IsControl);
    }
}
