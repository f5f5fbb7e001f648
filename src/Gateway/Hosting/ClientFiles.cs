using Interview.Grains.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hosting;

/// <summary>
/// How the gateway serves the Blazor client: its files, Pyodide's under /pyodide/, the runner workers
/// with a Content-Security-Policy of their own, and the client's settings made from the gateway's.
/// </summary>
public static class ClientFiles
{
    public const string RunnersPath = "/js/runners/";
    public const string PythonWorker = "python-worker.mjs";
    public const string SqlWorker = "sql-worker.js";

    // A dedicated worker is governed by the policy its script is served with. User code gets no network
    // at all (connect-src), and no scripts but ours (script-src 'self', so import() cannot reach out);
    // eval is how a program is compiled. The Python worker also compiles WebAssembly and fetches Pyodide.
    // No policy directive governs storage. The one that would shut it, sandbox (Chromium gives such a
    // worker an opaque origin, and IndexedDB, caches and the storage manager refuse it), is not used: the
    // worker is then no secure context (crypto.subtle and crypto.randomUUID go too), it would need CORS
    // headers on its own modules and Pyodide, and in Chromium 156 a URL.createObjectURL call in it kills
    // the page's renderer. The workers take storage away themselves, before user code (sandbox.mjs).
    public const string JavaScriptWorkerPolicy = "default-src 'none'; script-src 'self' 'unsafe-eval'";

    // The SQL worker (a classic one) imports sql.js and fetches and compiles its WebAssembly, all from
    // this gateway; it evaluates no JavaScript of the user's, so it gets no 'unsafe-eval'.
    public const string SqlWorkerPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

    public static string PythonWorkerPolicy(string pyodideBaseUrl)
    {
        var pyodideOrigin = Uri.TryCreate(pyodideBaseUrl, UriKind.Absolute, out var absolute) ? " " + absolute.GetLeftPart(UriPartial.Authority) : string.Empty;
        return $"default-src 'none'; script-src 'self'{pyodideOrigin} 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'{pyodideOrigin}";
    }

    public static WebApplication UseClientFiles(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var pythonPolicy = PythonWorkerPolicy(options.PyodideBaseUrl);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                if (IsRunnerFile(file.Context.Request.Path))
                {
                    file.Context.Response.Headers.ContentSecurityPolicy = RunnerPolicy(file.File.Name, pythonPolicy);
                }
            },
        });
        return app;
    }

    /// <summary>
    /// The policy a file of the runners' folder is served with: the Python and SQL workers their own,
    /// anything else in the folder the JavaScript worker's, the strictest that lets a program be compiled.
    /// </summary>
    public static string RunnerPolicy(string fileName, string pythonPolicy) =>
        fileName.Equals(PythonWorker, StringComparison.OrdinalIgnoreCase) ? pythonPolicy
        : fileName.Equals(SqlWorker, StringComparison.OrdinalIgnoreCase) ? SqlWorkerPolicy
        : JavaScriptWorkerPolicy;

    /// <summary>
    /// Whether a served file is one of the runners', however its path is spelled. Kestrel removes "." and
    /// ".." segments (also percent-encoded ones), but the file provider finds a file through empty segments
    /// ("/js//runners/", "//js/runners/") as well, and a case-insensitive file system through "/JS/Runners/".
    /// Every such spelling carries the runner's policy: a runner served without it would leave user code
    /// only the worker's own sealing between it and the network.
    /// </summary>
    public static bool IsRunnerFile(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        var folder = RunnersPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > folder.Length
            && segments.Take(folder.Length).SequenceEqual(folder, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The client reads its settings from appsettings.json, which Blazor fetches at start-up (never from
    /// cache); answering it here lets one set of environment variables configure server and browser.
    /// </summary>
    public static WebApplication MapClientSettings(this WebApplication app)
    {
        app.MapGet("/appsettings.json", (IOptions<GatewayOptions> gateway, IOptions<RateLimitOptions> limits, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Json(new
            {
                Runner = new
                {
                    gateway.Value.PyodideBaseUrl,
                    gateway.Value.EnablePython,
                    gateway.Value.EnableTypeScript,
                    gateway.Value.EnableSql,
                    limits.Value.ExecutionsPerMinute,
                },
                Limits = new
                {
                    limits.Value.MessagesPerMinute,
                    limits.Value.OperationsPerMinute,
                },
            });
        });
        return app;
    }
}
