using System.Net;
using System.Text.RegularExpressions;
using Interview.Shared.Validation;

namespace Interview.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public partial class RestApiTests(GatewayFixture fixture)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoTimestamp();

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Create_answers_201_with_SPECs_shape()
    {
        var response = await Http.PostAsync("/api/sessions/create", Json.Body(new { language = "python" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["createdAt", "interviewerKey", "interviewerUrl", "language", "sessionId", "shareUrl"], Json.Keys(body));
        var id = body.Str("sessionId");
        Assert.True(SessionIds.IsUuidV4(id));
        Assert.Matches(IsoTimestamp(), body.Str("createdAt"));
        Assert.Equal("python", body.Str("language"));
        Assert.Equal(new Uri(fixture.BaseAddress, $"/session/{id}").ToString(), body.Str("shareUrl"));
        var key = body.Str("interviewerKey"); // the interviewer's link: the key in the fragment, never in the path
        Assert.True(key.Length == 43 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), key);
        Assert.Equal($"{body.Str("shareUrl")}#interviewer={key}", body.Str("interviewerUrl"));
        Assert.Equal($"/api/sessions/{id}", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"language":null}""")]
    public async Task Create_defaults_to_javascript(string? body)
    {
        var response = await Http.PostAsync("/api/sessions/create", body is null ? null : Json.Raw(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("javascript", (await Json.ReadAsync(response)).Str("language"));
    }

    [Theory]
    [InlineData("{bad json", "Invalid request body")]
    [InlineData("""{"language":"python" """, "Invalid request body")]
    [InlineData("[]", "Invalid request body")]
    [InlineData("\"python\"", "Invalid request body")]
    [InlineData("""{"language":42}""", "Invalid language")]
    [InlineData("""{"language":["python"]}""", "Invalid language")]
    [InlineData("""{"language":"ruby"}""", "Invalid language")]
    [InlineData("""{"language":"Python"}""", "Invalid language")]
    public async Task Create_refuses_a_bad_body_with_400(string body, string error)
    {
        var before = await ActiveSessionsAsync();

        var response = await Http.PostAsync("/api/sessions/create", Json.Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var payload = await Json.ReadAsync(response);
        Assert.Equal(["error", "message"], Json.Keys(payload));
        Assert.Equal(error, payload.Str("error"));
        Assert.NotEmpty(payload.Str("message"));
        Assert.Equal(before, await ActiveSessionsAsync());
    }

    [Theory]
    [InlineData("typescript")]
    [InlineData("sql")]
    public async Task Create_takes_every_language_and_starts_with_its_template(string language)
    {
        var created = await Json.ReadAsync(await Http.PostAsync("/api/sessions/create", Json.Raw($$"""{"language":"{{language}}"}""")));
        var id = created.Str("sessionId");

        await using var ada = await fixture.ConnectAsync("Ada");
        var joined = await ada.JoinAsync(id);

        Assert.Equal(language, created.Str("language"));
        Assert.Equal(language, (await Json.ReadAsync(await Http.GetAsync($"/api/sessions/{id}"))).Str("language"));
        Assert.Equal((language, Languages.Template(language)), (joined.Str("language"), joined.Str("currentCode")));
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_every_known_one_named()
    {
        var response = await Http.PostAsync("/api/sessions/create", Json.Raw("""{"language":"rust"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unknown language 'rust'; use 'javascript', 'python', 'typescript' or 'sql'", (await Json.ReadAsync(response)).Str("message"));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task Create_takes_a_JSON_body_with_or_without_a_charset(string contentType)
    {
        var response = await Http.PostAsync("/api/sessions/create", Body("""{"language":"python"}""", contentType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("python", (await Json.ReadAsync(response)).Str("language"));
    }

    /// <summary>What a page of any origin may POST without a CORS preflight is refused: it cannot spend its visitors' quota.</summary>
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData(null)]
    public async Task Create_refuses_a_body_that_is_not_JSON_with_415(string? contentType)
    {
        var before = await ActiveSessionsAsync();

        var response = await Http.PostAsync("/api/sessions/create", Body("""{"language":"python"}""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var payload = await Json.ReadAsync(response);
        Assert.Equal(["error", "message"], Json.Keys(payload));
        Assert.Equal("Unsupported media type", payload.Str("error"));
        Assert.Equal(before, await ActiveSessionsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    public async Task Create_without_a_body_defaults_to_javascript_whatever_the_content_type(string? contentType)
    {
        var response = await Http.PostAsync("/api/sessions/create", Body(string.Empty, contentType)); // Content-Length: 0

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("javascript", (await Json.ReadAsync(response)).Str("language"));
    }

    [Fact]
    public async Task Create_refuses_an_oversize_body_with_413()
    {
        var response = await Http.PostAsync("/api/sessions/create", Json.Raw($$"""{"language":"python","pad":"{{new string('x', 10_000)}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large", (await Json.ReadAsync(response)).Str("error"));
    }

    [Fact]
    public async Task Get_answers_SPECs_details_and_never_the_code()
    {
        var id = await fixture.CreateSessionAsync("python");
        await using var ada = await fixture.ConnectAsync();
        await ada.JoinAsync(id);
        await ada.ChangeCodeAsync(id, "print('secret')", "python");

        var response = await Http.GetAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["createdAt", "exists", "language", "lastActivity", "sessionId", "userCount"], Json.Keys(body));
        Assert.Equal(id, body.Str("sessionId"));
        Assert.Matches(IsoTimestamp(), body.Str("createdAt"));
        Assert.Matches(IsoTimestamp(), body.Str("lastActivity"));
        Assert.Equal("python", body.Str("language"));
        Assert.Equal(1, body.Int("userCount"));
        Assert.True(body.GetProperty("exists").GetBoolean());
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_accepts_an_upper_case_id()
    {
        var id = await fixture.CreateSessionAsync();
        var response = await Http.GetAsync($"/api/sessions/{id.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await Json.ReadAsync(response)).Str("sessionId"));
    }

    [Theory]
    [InlineData("invalid-id")]
    [InlineData("550e8400-e29b-11d4-a716-446655440000")]
    [InlineData("550e8400e29b41d4a716446655440000")]
    public async Task Get_answers_400_for_an_id_that_is_not_a_uuid_v4(string id)
    {
        var response = await Http.GetAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["error", "sessionId"], Json.Keys(body));
        Assert.Equal(("Invalid session ID", id), (body.Str("error"), body.Str("sessionId")));
    }

    [Fact]
    public async Task Get_answers_404_for_an_unknown_session()
    {
        var id = Guid.NewGuid().ToString();
        var response = await Http.GetAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["error", "sessionId"], Json.Keys(body));
        Assert.Equal(("Session not found", id), (body.Str("error"), body.Str("sessionId")));
    }

    [Fact]
    public async Task Get_answers_404_SESSION_EXPIRED_for_an_expired_session()
    {
        var id = await fixture.CreateSessionAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));

        var response = await Http.GetAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["code", "error", "sessionId"], Json.Keys(body));
        Assert.Equal(("Session expired", id, "SESSION_EXPIRED"), (body.Str("error"), body.Str("sessionId"), body.Str("code")));
    }

    [Fact]
    public async Task Health_answers_SPECs_shape_counting_live_sessions()
    {
        var before = await ActiveSessionsAsync();
        await fixture.CreateSessionAsync();

        var response = await Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["activeSessions", "status", "timestamp", "uptime"], Json.Keys(body));
        Assert.Equal("ok", body.Str("status"));
        Assert.Matches(IsoTimestamp(), body.Str("timestamp"));
        Assert.True(body.GetProperty("uptime").GetInt64() >= 0);
        Assert.Equal(before + 1, body.Int("activeSessions"));

        fixture.Clock.Advance(TimeSpan.FromHours(4)); // past every session's maximum duration, occupied or not
        Assert.Equal(0, await ActiveSessionsAsync());
    }

    [Theory]
    [InlineData("GET", "/api/sessions")]
    [InlineData("GET", "/api/nothing/here")]
    [InlineData("POST", "/api/sessions/create/extra")]
    public async Task Unknown_API_paths_answer_404_in_JSON(string method, string path)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found", (await Json.ReadAsync(response)).Str("error"));
    }

    [Fact]
    public async Task Get_on_the_create_endpoint_is_not_allowed()
    {
        var response = await Http.GetAsync("/api/sessions/create");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // "create" is not a session id
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/session/550e8400-e29b-41d4-a716-446655440000")]
    public async Task The_client_is_served(string path)
    {
        var html = await Http.GetStringAsync(path);

        Assert.Contains("<div id=\"app\">", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.webassembly.js", html, StringComparison.Ordinal);
        var script = await Http.GetAsync("/_framework/blazor.webassembly.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static ByteArrayContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private async Task<int> ActiveSessionsAsync() =>
        (await Json.ReadAsync(await Http.GetAsync("/api/health"))).Int("activeSessions");
}
