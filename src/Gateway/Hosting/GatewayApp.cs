using Interview.Gateway.Api;
using Interview.Gateway.Hubs;
using Interview.Gateway.Sessions;
using Interview.Grains.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hosting;

/// <summary>
/// Builds the gateway: REST API, SignalR hub and the Blazor client, with a co-hosted silo (the embedded
/// default). Tests build the same app with <paramref name="configure"/> to move the clock or the ports.
/// </summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named explicitly so the client's static-asset manifest is found when tests host the gateway.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
        });
        var options = GatewayOptionsSetup.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));

        var logLevel = GatewayOptionsSetup.LogLevelFrom(builder.Configuration);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Orleans", logLevel > LogLevel.Warning ? logLevel : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", logLevel > LogLevel.Warning ? logLevel : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", logLevel > LogLevel.Warning ? logLevel : LogLevel.Warning);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://+:{options.Port}");
        }

        // Serve the Blazor client's files from the build output too, not only from a publish folder,
        // so `dotnet run` serves the client in any environment.
        builder.WebHost.UseStaticWebAssets();

        builder.UseOrleans(silo => silo
            .UseLocalCluster(builder.Configuration)
            .AddInterviewGrains(builder.Configuration)
            .UseInMemoryStorage());

        builder.Services.AddSessionLifetimeOptions(builder.Configuration);
        builder.Services.AddExecutionLimitOptions(builder.Configuration);
        builder.Services.AddSignalR(hub =>
        {
            // 100 KB of code may grow several times over once JSON-escaped.
            hub.MaximumReceiveMessageSize = 1024 * 1024;
            hub.AddFilter<HubErrorFilter>(); // refusals become the caller's error event
        });
        builder.Services.AddSingleton<GatewayUptime>();
        builder.Services.AddSingleton<SessionRelay>();
        builder.Services.AddSingleton<GatewaySessions>();
        builder.Services.AddHostedService<GatewayLeaseRenewal>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins([.. options.CorsOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseCors();
        app.UseClientFiles();
        app.MapClientSettings();
        app.MapSessionEndpoints();
        app.MapHealthEndpoints();
        app.MapHub<SessionHub>("/hub");
        app.MapFallbackToFile("index.html");
        return app;
    }
}
