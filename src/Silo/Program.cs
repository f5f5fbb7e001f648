using Interview.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The standalone silo: hosts SessionGrains for gateways that run as Orleans clients.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddInterviewLogging(builder.Configuration);
builder.UseOrleans(silo => silo
    .UseLocalCluster(builder.Configuration)
    .AddInterviewGrains(builder.Configuration)
    .UseInMemoryStorage());

await builder.Build().RunAsync();
