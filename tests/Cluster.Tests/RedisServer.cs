using System.Diagnostics;
using System.Net.Sockets;
using Interview.Tests.Common;

namespace Interview.Cluster.Tests;

/// <summary>
/// Debian's redis-server on a free loopback port, in memory only, for one test's cluster. ./test.sh
/// installs it; a machine without it fails here, loudly.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's redis-server (./test.sh does)");
        var port = TestEnvironment.FreePort();
        var start = new ProcessStartInfo(Executable, ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        await Eventually.HoldsAsync(async () => await server.AnswersAsync(), $"redis-server answers on port {port}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        Assert.False(_process.HasExited, "redis-server exited at start");
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var answer = new byte[7];
            return await stream.ReadAsync(answer) > 0 && answer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
