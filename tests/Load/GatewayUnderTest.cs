using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Interview.Tests.Common;

namespace Interview.Load;

/// <summary>
/// The gateway the load goes to: started here from its build output (the embedded default, limits
/// raised so the load is not refused) unless --url names a running one. Only loopback is ever loaded.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly Process? _process;
    private string? _dataDirectory;

    private GatewayUnderTest(Uri address, Process? process) => (Address, _process) = (address, process);

    public Uri Address { get; }
    public Uri Hub => new(Address, "/hub");
    public int? ProcessId => _process?.Id;

    public static async Task<GatewayUnderTest> StartOrAttachAsync(LoadOptions options)
    {
        if (options.Url is { } url)
        {
            if (!url.IsLoopback)
            {
                throw new ArgumentException($"--url must be a loopback address; this tool loads nothing else ({url})");
            }

            return new GatewayUnderTest(url, null);
        }

        var port = TestEnvironment.FreePort();
        // The gateway of the same build configuration as this tool (its project reference builds it).
        var configuration = typeof(GatewayUnderTest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(TestEnvironment.RepositoryRoot(), "src", "Gateway", "bin", configuration, "net10.0", "Interview.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the gateway first: dotnet build -c {configuration} src/Gateway ({dll} is missing)");
        }

        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.Environment["PORT"] = $"{port}";
        start.Environment["ORLEANS_SILO_PORT"] = $"{TestEnvironment.FreePort()}";
        start.Environment["ORLEANS_GATEWAY_PORT"] = $"{TestEnvironment.FreePort()}";
        start.Environment["LOG_LEVEL"] = "warn";
        start.Environment["MAX_SESSIONS_PER_HOUR"] = "1000000";
        start.Environment["MAX_MESSAGES_PER_MINUTE"] = "1000000";
        start.Environment["MAX_OPERATIONS_PER_MINUTE"] = "1000000";
        start.Environment["MAX_CONNECTIONS_PER_IP"] = "1000000"; // every simulated user connects from 127.0.0.1
        // Its own DATA_DIR, removed afterwards, unless the run names one: the tool never writes into the repository.
        var dataDirectory = options.ServerEnvironment.ContainsKey("DATA_DIR") ? null : TestEnvironment.NewDataDirectory();
        if (dataDirectory is not null)
        {
            start.Environment["DATA_DIR"] = dataDirectory;
        }

        foreach (var (name, value) in options.ServerEnvironment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) { Console.Error.WriteLine($"gateway: {text}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayUnderTest(new Uri($"http://127.0.0.1:{port}"), process) { _dataDirectory = dataDirectory };
        await gateway.WaitUntilServingAsync();
        return gateway;
    }

    /// <summary>The gateway process's resident memory, from /proc (null when attached to a gateway run elsewhere).</summary>
    public long? ResidentBytes()
    {
        if (_process is null)
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time the gateway process has used so far.</summary>
    public TimeSpan? CpuTime()
    {
        if (_process is null)
        {
            return null;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_dataDirectory is not null)
        {
            TestEnvironment.DeleteDataDirectory(_dataDirectory);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The gateway did not become ready within 60 s");
    }
}
