using Interview.Client;
using Interview.Client.Activity;
using Interview.Client.Editing;
using Interview.Client.Playback;
using Interview.Client.Running;
using Interview.Client.Services;
using Interview.Client.Sessions;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<SessionApi>();
builder.Services.AddScoped<RecordingReader>();
builder.Services.AddScoped<LocalIdentity>();
builder.Services.AddSingleton<IActivityHost>(_ => OperatingSystem.IsBrowser()
    ? new BrowserActivityHost()
    : throw new PlatformNotSupportedException("The client runs in a browser"));
builder.Services.AddSingleton<IEditorHost>(_ => OperatingSystem.IsBrowser()
    ? new MonacoEditorHost()
    : throw new PlatformNotSupportedException("The client runs in a browser"));
builder.Services.AddSingleton<IPlaybackView>(_ => OperatingSystem.IsBrowser()
    ? new PlaybackView()
    : throw new PlatformNotSupportedException("The client runs in a browser"));
builder.Services.AddSingleton(RunnerOptions.From(builder.Configuration));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ICodeRunner, BrowserCodeRunner>();
builder.Services.AddTransient<CodeRuns>();
builder.Services.AddTransient(_ => new SessionConnection(
    new Uri(new Uri(builder.HostEnvironment.BaseAddress), "hub"), SendPacing.From(builder.Configuration, TimeProvider.System)));
builder.Services.AddTransient<LiveSession>(); // one per session page, with its own connection and runs

await builder.Build().RunAsync();
