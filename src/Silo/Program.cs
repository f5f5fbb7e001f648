using Interview.Grains.Hosting;
using Orleans.Dashboard;

// The standalone silo: hosts SessionGrains for gateways that run as Orleans clients. Its HTTP port (PORT,
// 8080) carries only what operators need: health probes and, if enabled, the Orleans Dashboard.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddInterviewLogging(builder.Configuration);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls($"http://+:{EnvironmentSettings.Integer(builder.Configuration, "PORT") ?? 8080}");
}

var dashboard = OperatorEndpoints.DashboardEnabled(builder.Configuration);
builder.UseOrleans(silo =>
{
    silo.UseInterviewCluster(builder.Configuration).AddInterviewGrains(builder.Configuration);
    if (dashboard)
    {
        silo.AddDashboard();
    }
});
builder.Services.AddClusterHealth<SiloHealthCheck>();

// Stopping hands the sessions over: Orleans deactivates them (each writes its state) and leaves the
// cluster, and their next call activates them on another silo. Kubernetes' grace period is longer.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = SiloShutdown.Timeout);

var app = builder.Build();
app.MapOperatorEndpoints(dashboard);
await app.RunAsync();
