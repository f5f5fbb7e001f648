using System.Net;
using System.Text;
using System.Text.Json;
using Interview.Client.Playback;
using Interview.Shared.Contracts;
using static Interview.Client.Tests.Playback.RecordingSamples;

namespace Interview.Client.Tests.Playback;

/// <summary>Reading a recording: every page through next, the key as a Bearer header, each refusal told apart.</summary>
public class RecordingReaderTests
{
    private const string Session = "7d5c2b1e-8f44-4a8e-9d71-3c0a2f6b9e10";

    [Fact]
    public async Task Every_page_is_read_with_the_key_and_replayed_as_one()
    {
        var events = AnInterview();
        var pages = new Pages(new Dictionary<string, object>
        {
            [$"/api/sessions/{Session}/recording"] = Page(events[..6], $"/api/sessions/{Session}/recording?cursor=6.mac"),
            [$"/api/sessions/{Session}/recording?cursor=6.mac"] = Page(events[6..], next: null),
        });

        var load = await new RecordingReader(pages.Client()).ReadAsync(Session, "the-key");

        Assert.Equal(RecordingStatus.Loaded, load.Status);
        Assert.Equal(11, load.Replay!.Events.Count);
        Assert.Equal("aXb", load.Replay.CodeAfter(load.Replay.Events.Count - 1).Text);
        Assert.Equal(2, pages.Seen.Count);
        Assert.All(pages.Seen, request => Assert.Equal("Bearer the-key", request.Authorization));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, RecordingStatus.WrongKey)]
    [InlineData(HttpStatusCode.Forbidden, RecordingStatus.WrongKey)]
    [InlineData(HttpStatusCode.NotFound, RecordingStatus.NotFound)]
    [InlineData(HttpStatusCode.ServiceUnavailable, RecordingStatus.Unavailable)]
    public async Task A_refusal_says_which(HttpStatusCode status, RecordingStatus expected)
    {
        var api = new FakeApi().Answer($"/api/sessions/{Session}/recording", status, """{"error":"x","code":"X"}""");

        var load = await new RecordingReader(api.Client()).ReadAsync(Session, "k");

        Assert.Equal((expected, (Replay?)null), (load.Status, load.Replay));
    }

    private static string Page(IEnumerable<RecordedEvent> events, string? next) => JsonSerializer.Serialize(
        new RecordingPage(Session, Created, null, new RecordingStart("", "javascript"), [.. events], next), JsonSerializerOptions.Web);

    /// <summary>Answers by path and query; remembers each request's Authorization header.</summary>
    private sealed class Pages(Dictionary<string, object> answers) : HttpMessageHandler
    {
        public List<(string Path, string? Authorization)> Seen { get; } = [];

        public HttpClient Client() => new(this) { BaseAddress = new Uri("http://interview.test/") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            Seen.Add((path, request.Headers.Authorization?.ToString()));
            return Task.FromResult(answers.TryGetValue(path, out var body)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent((string)body, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
