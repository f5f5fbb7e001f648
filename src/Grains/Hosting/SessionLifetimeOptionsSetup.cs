using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Grains.Hosting;

public static class SessionLifetimeOptionsSetup
{
    /// <summary>Binds SESSION_TIMEOUT and MAX_SESSION_DURATION (milliseconds), checked at start-up.</summary>
    public static IServiceCollection AddSessionLifetimeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionLifetimeOptions>()
            .Configure(options =>
            {
                options.SessionTimeout = EnvironmentSettings.Milliseconds(configuration, "SESSION_TIMEOUT") ?? options.SessionTimeout;
                options.MaxSessionDuration = EnvironmentSettings.Milliseconds(configuration, "MAX_SESSION_DURATION") ?? options.MaxSessionDuration;
            })
            .Validate(o => o.SessionTimeout > TimeSpan.Zero && o.MaxSessionDuration > TimeSpan.Zero, "Session durations must be positive")
            .ValidateOnStart();
        return services;
    }
}
