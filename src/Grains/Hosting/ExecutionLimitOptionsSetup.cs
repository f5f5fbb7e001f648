using Interview.Grains.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Grains.Hosting;

public static class ExecutionLimitOptionsSetup
{
    /// <summary>Binds MAX_EXECUTIONS_PER_MINUTE, checked at start-up.</summary>
    public static IServiceCollection AddExecutionLimitOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionLimitOptions>()
            .Configure(options =>
            {
                if (EnvironmentSettings.Integer(configuration, "MAX_EXECUTIONS_PER_MINUTE") is { } limit)
                {
                    options.ExecutionsPerMinute = limit <= 10_000 ? (int)limit
                        : throw new InvalidOperationException($"MAX_EXECUTIONS_PER_MINUTE must be at most 10000, got {limit}");
                }
            })
            .ValidateOnStart();
        return services;
    }
}
