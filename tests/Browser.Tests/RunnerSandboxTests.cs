using System.Text.Json;
using Interview.Tests.Common;
using Microsoft.Playwright;

namespace Interview.Browser.Tests;

/// <summary>
/// What user code cannot do from inside its worker, however it tries: keep anything in the browser's
/// storage, or get past the 10 KB output limit (the page cuts again whatever a worker sends, so an
/// oversize result never reaches the session, whose frame limit would close the connection).
/// </summary>
[Collection(BrowserCollection.Name)]
public class RunnerSandboxTests(BrowserFixture fixture)
{
    private static readonly PageWaitForSelectorOptions PythonLoad = new() { Timeout = 60_000 };

    // The body of an async function: one line per way to storage, each saying whether it got there.
    private const string StorageProbe = """
        const lines = [];
        const probe = async (name, attempt) => {
          let reached = false;
          try { reached = (await attempt()) !== undefined; } catch { }
          lines.push(`${name}: ${reached ? 'REACHED' : 'unavailable'}`);
        };
        const opened = request => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
        // The browser's own getter, looked for anywhere on a prototype chain and called on the real object.
        const recovered = (chain, target, name) => {
          for (let scope = chain; scope; scope = Object.getPrototypeOf(scope)) {
            const found = Object.getOwnPropertyDescriptor(scope, name);
            if (found?.get) return found.get.call(target);
            if (found?.value) return found.value;
          }
        };
        await probe('indexedDB.open', () => opened(indexedDB.open('probe')));
        await probe('caches.open', () => caches.open('probe'));
        await probe('navigator.storage.getDirectory', () => navigator.storage.getDirectory());
        await probe('navigator.storage.persist', () => navigator.storage.persist());
        await probe('navigator.storage.estimate', () => navigator.storage.estimate());
        await probe('navigator.storageBuckets.open', () => navigator.storageBuckets.open('probe'));
        await probe('cookieStore.getAll', () => cookieStore.getAll());
        await probe('webkitRequestFileSystem', () => new Promise((resolve, reject) => webkitRequestFileSystem(0, 1024, resolve, reject)));
        await probe('BroadcastChannel', () => new BroadcastChannel('probe'));
        await probe('navigator.locks', () => navigator.locks.request('probe', () => 'held'));
        await probe('indexedDB from self.constructor.prototype', () => opened(recovered(self.constructor.prototype, self, 'indexedDB').open('probe')));
        await probe('indexedDB from WorkerGlobalScope.prototype', () => opened(recovered(WorkerGlobalScope.prototype, self, 'indexedDB').open('probe')));
        await probe('caches from the prototype chain', () => recovered(Object.getPrototypeOf(self), self, 'caches').open('probe'));
        await probe('storage from WorkerNavigator.prototype', () => recovered(Object.getPrototypeOf(navigator), navigator, 'storage').getDirectory());
        await probe('storageBuckets from WorkerNavigator.prototype', () => recovered(Object.getPrototypeOf(navigator), navigator, 'storageBuckets').open('probe'));
        await probe('indexedDB deleted and read again', () => { delete self.indexedDB; return opened(indexedDB.open('probe')); });
        await probe('indexedDB redefined', () => { Object.defineProperty(self, 'indexedDB', { value: 'mine' }); return self.indexedDB === 'mine' ? 'mine' : undefined; });
        await probe('new IDBFactory', () => new IDBFactory());
        await probe('a nested Worker', () => new Worker('data:text/javascript,postMessage(typeof indexedDB)'));
        await probe('importScripts of a data: URL', () => { importScripts('data:text/javascript,self.leaked = indexedDB'); return self.leaked; });
        await probe('import() of a data: URL', () => import('data:text/javascript,export default indexedDB').then(module => module.default));
        await probe('a module of the gateway imported again', () => import('/js/runners/sandbox.mjs?again').then(() => self.indexedDB ?? self.caches));
        return lines.join('\n');
        """;

    private static readonly string[] ProbedWays =
    [
        "indexedDB.open", "caches.open", "navigator.storage.getDirectory", "navigator.storage.persist", "navigator.storage.estimate",
        "navigator.storageBuckets.open", "cookieStore.getAll", "webkitRequestFileSystem", "BroadcastChannel", "navigator.locks",
        "indexedDB from self.constructor.prototype", "indexedDB from WorkerGlobalScope.prototype", "caches from the prototype chain",
        "storage from WorkerNavigator.prototype", "storageBuckets from WorkerNavigator.prototype", "indexedDB deleted and read again",
        "indexedDB redefined", "new IDBFactory", "a nested Worker", "importScripts of a data: URL", "import() of a data: URL",
        "a module of the gateway imported again",
    ];

    private static string NoneReached(IEnumerable<string> ways) => string.Join('\n', ways.Select(way => $"{way}: unavailable"));

    [Fact]
    public async Task The_javascript_runner_reaches_no_storage_however_it_tries()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");

        // The same probe on the page, where storage is, finds it: the probe works.
        var onThePage = await page.EvaluateAsync<string>($"async () => {{ {StorageProbe} }}");
        foreach (var way in new[] { "indexedDB.open", "caches.open", "navigator.storage.getDirectory", "navigator.storage.estimate", "navigator.storageBuckets.open", "cookieStore.getAll", "navigator.locks" })
        {
            Assert.Contains($"{way}: REACHED", onThePage, StringComparison.Ordinal);
        }

        var result = await Runner.ResultOfAsync(page, "javascript", StorageProbe);

        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        Assert.Equal(NoneReached(ProbedWays), result.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Typescript_reaches_no_storage_however_it_tries()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "typescript");
        await page.WaitForSelectorAsync(".typescript-status.ready", PythonLoad);

        // The same probe as TypeScript: its type errors (a top-level return, names no lib declares) are
        // listed, and the compiled program runs in the JavaScript runner's sandbox.
        var result = await Runner.ResultOfAsync(page, "typescript", StorageProbe);

        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        Assert.Equal(NoneReached(ProbedWays), result.GetProperty("output").GetString());
        Assert.StartsWith("Type errors (the program still ran):", result.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_python_runner_reaches_no_storage_however_it_tries()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "python");
        await page.WaitForSelectorAsync(".python-status.ready", PythonLoad);

        var program = $$"""
            import asyncio, js, pyodide_js
            from pyodide.ffi import create_once_callable

            lines = []
            for name in ["indexedDB", "caches", "cookieStore", "BroadcastChannel", "Worker", "webkitRequestFileSystem"]:
                lines.append(f"js.{name}: {'REACHED' if getattr(js, name, None) is not None else 'unavailable'}")
            for name in ["storage", "storageBuckets", "locks"]:
                lines.append(f"js.navigator.{name}: {'REACHED' if getattr(js.navigator, name, None) is not None else 'unavailable'}")

            # Pyodide's own file system kept in IndexedDB.
            try:
                fs = pyodide_js.FS
                fs.mkdirTree("/persist")
                fs.mount(fs.filesystems.IDBFS, js.Object.new(), "/persist")
                synced = asyncio.get_running_loop().create_future()
                fs.syncfs(True, create_once_callable(lambda error=None: synced.set_result(error)))
                error = await asyncio.wait_for(synced, 3)
                lines.append(f"IDBFS: {'unavailable' if error else 'REACHED'}")
            except Exception:
                lines.append("IDBFS: unavailable")

            # And the JavaScript probe, run by Python in the same worker.
            lines.append(await js.eval({{JsonSerializer.Serialize($"(async () => {{ {StorageProbe} }})()")}}))
            print("\n".join(lines))
            """;

        var result = await Runner.ResultOfAsync(page, "python", program, 10_000);

        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        string[] pythonWays =
        [
            "js.indexedDB", "js.caches", "js.cookieStore", "js.BroadcastChannel", "js.Worker", "js.webkitRequestFileSystem",
            "js.navigator.storage", "js.navigator.storageBuckets", "js.navigator.locks", "IDBFS",
        ];
        Assert.Equal(NoneReached([.. pythonWays, .. ProbedWays]), result.GetProperty("output").GetString());
    }

    [Fact]
    public async Task A_javascript_program_that_patches_what_the_limit_might_use_is_still_cut_at_10_KB_for_everyone()
    {
        var ada = await fixture.NewParticipantAsync();
        var link = await Participant.CreateAndJoinAsync(ada, "Ada");
        var bob = await fixture.NewParticipantAsync();
        await Participant.JoinAsync(bob, link, "Bob");

        await Runner.SetCodeAsync(ada, """
            const big = 'x'.repeat(1024 * 1024);
            const result = 'y'.repeat(1024 * 1024);
            TextEncoder.prototype.encode = function () { return new Uint8Array(0); };
            TextEncoder.prototype.encodeInto = function () { return { read: 0, written: 0 }; };
            TextDecoder.prototype.decode = function () { return ''; };
            for (const name of ['slice', 'substring', 'substr', 'charCodeAt', 'codePointAt', 'replace', 'split', 'at']) {
              String.prototype[name] = function () { return 0; };
            }
            Array.prototype.join = function () { return big + big; };
            JSON.stringify = () => big;
            Object.entries = () => [];
            Object.fromEntries = () => ({});
            Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), 'length', { get() { return 0; } });
            Reflect.apply = () => 0;
            Function.prototype.call = function () { return 0; };
            Function.prototype.apply = function () { return 0; };
            Function.prototype.bind = function () { return () => 0; };
            Math.round = () => -1;
            const { OutputStream } = await import('/js/runners/output.mjs');
            try { OutputStream.prototype.write = function () { }; } catch { }
            console.log('a console line');
            return result;
            """);
        await Runner.RunAsync(ada);

        var output = new string('y', 10 * 1024) + "\n… output cut at 10 KB (1038336 more bytes not shown)";
        var logs = new string('x', 10 * 1024) + "\n… output cut at 10 KB (2086912 more bytes not shown)"; // the patched join made 2 MB of it
        Assert.Equal(output, await Runner.TextAsync(ada, ".run-output"));
        Assert.Equal(logs, await Runner.TextAsync(ada, ".run-logs"));
        Assert.Equal("Connected", await Runner.TextAsync(ada, ".connection-status .label"));
        Assert.Equal(0, await ada.Locator(".run-refusal").CountAsync()); // shared, not refused
        await bob.WaitForSelectorAsync(".run-by:has-text('Ada')");
        Assert.Equal(output, await Runner.TextAsync(bob, ".run-output"));
        Assert.Equal(logs, await Runner.TextAsync(bob, ".run-logs"));

        // The page is still in the session: the next run is shared too.
        await Runner.SetCodeAsync(ada, "return 'after';");
        await Runner.RunAsync(ada);
        await Eventually.HoldsAsync(async () => await Runner.TextAsync(bob, ".run-output") == "after", "Bob sees the next run");
    }

    [Fact]
    public async Task A_python_program_that_patches_what_the_limit_might_use_is_still_cut_at_10_KB()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada", "python");
        await page.WaitForSelectorAsync(".python-status.ready", PythonLoad);
        await Runner.SetCodeAsync(page, """
            import js
            js.eval('''
              TextEncoder.prototype.encode = function () { return new Uint8Array(0); };
              TextEncoder.prototype.encodeInto = function () { return { read: 0, written: 0 }; };
              String.prototype.slice = function () { return String(this); };
              String.prototype.substring = function () { return String(this); };
              Array.prototype.join = function () { return ''; };
              import('/js/runners/output.mjs').then(({ OutputStream }) => { OutputStream.prototype.write = function () { }; }).catch(() => { });
            ''')
            print('x' * 1_000_000)
            """);

        await Runner.RunAsync(page);

        Assert.Equal(new string('x', 10 * 1024) + "\n… output cut at 10 KB (989761 more bytes not shown)", await Runner.TextAsync(page, ".run-output"));
        Assert.Equal("Connected", await Runner.TextAsync(page, ".connection-status .label"));
    }

    [Fact]
    public async Task Whatever_a_worker_sends_the_page_checks_and_cuts_and_a_flooding_one_is_ended()
    {
        var page = await fixture.NewParticipantAsync();
        await Participant.CreateAndJoinAsync(page, "Ada");

        // A worker that user code has taken over entirely, as the page sees it: any message it likes.
        var forged = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const runner = await import('/js/code-runner.js');
              runner.reset();
              const real = window.Worker;
              window.Worker = class {
                constructor() {
                  setTimeout(() => {
                    const send = data => this.onmessage?.({ data });
                    for (const odd of [null, 42, 'output', [1, 2], { type: 'output' }, { type: 'output', stream: 'output', text: { length: 1 } },
                      { type: 'output', stream: '__proto__', text: 'a' }, { type: 'output', stream: 'constructor', text: 'a' }]) send(odd);
                    send({ type: 'output', stream: 'logs', text: 'a console line', extra: 'ignored' });
                    send({ type: 'output', stream: 'output', text: 'o'.repeat(512 * 1024) });
                    send({ type: 'output', stream: 'error', text: '\ud800 half a pair' });
                    send({ type: 'result', output: 'forged', result: { success: 'yes', executionTime: -5, line: 'abc', errorCode: 'EVIL', output: 'forged' },
                      dropped: { output: -1, logs: 1e300 } });
                  });
                }
                postMessage() { }
                terminate() { window.forgedWorkerEnded = true; }
              };
              try {
                return await runner.run('javascript', 'return 1', 5000);
              } finally {
                window.Worker = real;
              }
            }
            """);

        Assert.False(forged.GetProperty("success").GetBoolean());
        Assert.Equal(new string('o', 10 * 1024) + "\n… output cut at 10 KB (514048 more bytes not shown)", forged.GetProperty("output").GetString());
        Assert.Equal("\uFFFD half a pair", forged.GetProperty("error").GetString());
        Assert.Equal(["a console line"], forged.GetProperty("logs").EnumerateArray().Select(entry => entry.GetString()));
        Assert.Equal("EXECUTION_ERROR", forged.GetProperty("errorCode").GetString());
        Assert.Equal(JsonValueKind.Null, forged.GetProperty("line").ValueKind);
        Assert.InRange(forged.GetProperty("executionTime").GetInt64(), 0, 5000);
        Assert.Equal(["language", "success", "output", "error", "executionTime", "logs", "errorCode", "line"], forged.EnumerateObject().Select(p => p.Name).Where(name => !name.StartsWith('$'))); // $id is Playwright's
        Assert.True(await page.EvaluateAsync<bool>("() => window.forgedWorkerEnded === true"));

        // One that sends more than an honest worker ever does is a program flooding the page: its run ends.
        var flood = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const runner = await import('/js/code-runner.js');
              runner.reset();
              const real = window.Worker;
              window.forgedWorkerEnded = false;
              window.Worker = class {
                constructor() {
                  this.timer = setInterval(() => { for (let i = 0; i < 1000; i++) this.onmessage?.({ data: { type: 'output', stream: 'logs', text: 'spam' } }); });
                }
                postMessage() { }
                terminate() { clearInterval(this.timer); window.forgedWorkerEnded = true; }
              };
              try {
                return await runner.run('javascript', 'return 1', 5000);
              } finally {
                window.Worker = real;
              }
            }
            """);

        Assert.False(flood.GetProperty("success").GetBoolean());
        Assert.Equal("Stopped: it kept writing past the 10 KB output limit", flood.GetProperty("error").GetString());
        Assert.EndsWith("spam\n… output cut at 10 KB", flood.GetProperty("logs").EnumerateArray().Last().GetString()!.Split(" (")[0], StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.forgedWorkerEnded === true"));
    }
}
