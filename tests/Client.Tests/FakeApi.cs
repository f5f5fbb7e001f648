using System.Net;
using System.Text;

namespace Interview.Client.Tests;

/// <summary>Answers the client's REST calls from a table of path → (status, JSON body).</summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

    public List<(string Method, string Path, string? Body)> Requests { get; } = [];

    public FakeApi Answer(string path, HttpStatusCode status, string body)
    {
        _answers[path] = (status, body);
        return this;
    }

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://interview.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add((request.Method.Method, path, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        return _answers.TryGetValue(path, out var answer)
            ? new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.InternalServerError);
    }
}
