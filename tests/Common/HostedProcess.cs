using System.Diagnostics;
using System.Reflection;
using System.Text;
namespace Interview.Tests.Common;

/// <summary>A built Interview program started as its own process, the way README's command runs it.</summary>
public sealed class HostedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private string? _ownDataDirectory;

    private HostedProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;
    public int ExitCode => _process.ExitCode;
    public string Name { get; private init; } = string.Empty;

    /// <summary>Starts src/{project}'s build output (of this test run's configuration) with the given environment.</summary>
    public static HostedProcess Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = typeof(HostedProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(TestEnvironment.RepositoryRoot(), "src", project, "bin", configuration, "net10.0", $"Interview.{project}.dll");
        Assert.True(File.Exists(dll), $"{dll} is built");
        return StartDll(dll, project, environment);
    }

    /// <summary>
    /// Starts a program from any folder (a publish output, say) with the given environment. Without
    /// DATA_DIR (and REDIS) in it, the program gets a fresh temporary DATA_DIR, removed when it is disposed;
    /// a test that restarts a program on one DATA_DIR passes its own.
    /// </summary>
    public static HostedProcess StartDll(string dll, string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(File.Exists(dll), $"{dll} is built");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        var ownDataDirectory = environment.ContainsKey("DATA_DIR") || environment.ContainsKey("REDIS") ? null : TestEnvironment.NewDataDirectory();
        if (ownDataDirectory is not null)
        {
            start.Environment["DATA_DIR"] = ownDataDirectory;
        }

        var hosted = new HostedProcess(Process.Start(start)!) { Name = name, _ownDataDirectory = ownDataDirectory };
        hosted._process.OutputDataReceived += (_, line) => hosted.Append(line.Data);
        hosted._process.ErrorDataReceived += (_, line) => hosted.Append(line.Data);
        hosted._process.BeginOutputReadLine();
        hosted._process.BeginErrorReadLine();
        return hosted;
    }

    /// <summary>Waits until the started gateway answers /api/health; fails at once if the process ends instead.</summary>
    public Task WaitUntilServingAsync(HttpClient http) => WaitUntilAnswersAsync(http, "/api/health");

    /// <summary>Waits until <paramref name="path"/> answers with success; fails at once if the process ends instead.</summary>
    public Task WaitUntilAnswersAsync(HttpClient http, string path) =>
        Eventually.HoldsAsync(async () =>
        {
            Assert.False(HasExited, Output);
            try
            {
                return (await http.GetAsync(path)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"{Name} answers {path}", TimeSpan.FromSeconds(60));

    /// <summary>kill -9: the process ends at once, without a chance to write or say goodbye.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: the process shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownDataDirectory is not null)
        {
            TestEnvironment.DeleteDataDirectory(_ownDataDirectory);
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
