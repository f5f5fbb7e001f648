using Interview.Grains.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Grains.Hosting;

public static class RecordingOptionsSetup
{
    /// <summary>Binds RECORDING_RETENTION (milliseconds, default 30 days), checked at start-up.</summary>
    public static IServiceCollection AddRecordingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecordingOptions>()
            .Configure(options => options.Retention = EnvironmentSettings.Milliseconds(configuration, "RECORDING_RETENTION") ?? options.Retention)
            .ValidateOnStart();
        return services;
    }
}
