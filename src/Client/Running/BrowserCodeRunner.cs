using Interview.Shared.Contracts;
using Microsoft.JSInterop;

namespace Interview.Client.Running;

/// <summary><see cref="ICodeRunner"/> over the ES module js/code-runner.js, loaded on first use.</summary>
public sealed class BrowserCodeRunner(IJSRuntime js) : ICodeRunner, IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/code-runner.js").AsTask();

    public async Task<ExecutionResult> RunAsync(string language, string code, TimeSpan timeLimit, string input = "") =>
        await (await Module).InvokeAsync<ExecutionResult>("run", language, code, (int)timeLimit.TotalMilliseconds, input);

    public async Task StopAsync() => await (await Module).InvokeVoidAsync("stop");

    public async Task ResetAsync()
    {
        if (_module is not null) // nothing was ever started otherwise
        {
            await (await Module).InvokeVoidAsync("reset");
        }
    }

    public async Task<TimeSpan> PrepareAsync(string language, string? baseUrl) =>
        TimeSpan.FromMilliseconds(await (await Module).InvokeAsync<double>("prepare", language, baseUrl));

    public async Task<IAsyncDisposable> ListenForRunShortcutAsync(Func<Task> run)
    {
        var module = await Module;
        var callback = DotNetObjectReference.Create(new RunShortcut(run));
        await module.InvokeVoidAsync("listenForRunShortcut", callback);
        return new Listening(module, callback);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await _module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is going away; so is the module.
            }
        }
    }

    private sealed class RunShortcut(Func<Task> run)
    {
        [JSInvokable]
        public Task RunFromShortcut() => run();
    }

    private sealed class Listening(IJSObjectReference module, DotNetObjectReference<RunShortcut> callback) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await module.InvokeVoidAsync("stopListeningForRunShortcut");
            callback.Dispose();
        }
    }
}
