using System.Net.Sockets;
using System.Text;

namespace Interview.Gateway.Tests;

/// <summary>
/// HTTP/1.1 written by hand on a socket: paths as spelled (HttpClient would tidy "/./" and "//"), bodies
/// that stall or stop short of their Content-Length, connections closed or reset mid-request.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress)
    {
        var raw = new RawHttp();
        await raw._client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        raw._stream = raw._client.GetStream();
        return raw;
    }

    /// <summary>One GET, answered and closed: its status, headers (lower-case names) and body.</summary>
    public static async Task<Response> GetAsync(Uri baseAddress, string path)
    {
        await using var raw = await ConnectAsync(baseAddress);
        await raw.SendAsync($"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n\r\n");
        return await raw.ReadResponseAsync(TimeSpan.FromSeconds(15));
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>Closes with a reset (RST), not a graceful close: what a killed client or a middlebox does.</summary>
    public void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    /// <summary>Stops sending (FIN) but keeps reading: a body cut short of its Content-Length.</summary>
    public void StopSending() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Reads until the server closes the connection (or <paramref name="timeout"/>); null when nothing came back.</summary>
    public async Task<Response?> TryReadResponseAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Response.TryParse(received.ToArray()) is { Complete: true } whole)
                {
                    return whole;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
        }

        return Response.TryParse(received.ToArray());
    }

    public async Task<Response> ReadResponseAsync(TimeSpan timeout) =>
        await TryReadResponseAsync(timeout) ?? throw new IOException("The server sent no response");

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool Complete)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

        /// <summary>A response read so far: head, then a body by Content-Length or chunks (ASCII bodies: sizes are counted in characters).</summary>
        public static Response? TryParse(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }

            var lines = text[..end].Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(line => line.Split(':', 2))
                .GroupBy(pair => pair[0].Trim().ToLowerInvariant())
                .ToDictionary(group => group.Key, group => string.Join(", ", group.Select(pair => pair[1].Trim())));
            var rest = text[(end + 4)..];
            if (headers.TryGetValue("content-length", out var length))
            {
                var count = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
                return new Response(status, headers, rest[..Math.Min(count, rest.Length)], rest.Length >= count);
            }

            if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
            {
                var body = new StringBuilder();
                while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var line and >= 0)
                {
                    var size = Convert.ToInt32(rest[..line], 16);
                    if (size == 0)
                    {
                        return new Response(status, headers, body.ToString(), true);
                    }

                    if (rest.Length < line + 2 + size + 2)
                    {
                        break;
                    }

                    body.Append(rest, line + 2, size);
                    rest = rest[(line + 2 + size + 2)..];
                }

                return new Response(status, headers, body.ToString(), false);
            }

            return new Response(status, headers, rest, false);
        }
    }
}
