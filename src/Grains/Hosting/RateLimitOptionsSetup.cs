using Interview.Grains.Sessions.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Grains.Hosting;

public static class RateLimitOptionsSetup
{
    /// <summary>Binds MAX_SESSIONS_PER_HOUR, MAX_EXECUTIONS_PER_MINUTE, MAX_MESSAGES_PER_MINUTE, MAX_OPERATIONS_PER_MINUTE, MAX_PARTICIPANTS and MAX_CONNECTIONS_PER_IP, checked at start-up.</summary>
    public static IServiceCollection AddRateLimitOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Configure(options =>
            {
                options.SessionsPerHour = Limit(configuration, "MAX_SESSIONS_PER_HOUR") ?? options.SessionsPerHour;
                options.ExecutionsPerMinute = Limit(configuration, "MAX_EXECUTIONS_PER_MINUTE") ?? options.ExecutionsPerMinute;
                options.MessagesPerMinute = Limit(configuration, "MAX_MESSAGES_PER_MINUTE") ?? options.MessagesPerMinute;
                options.OperationsPerMinute = Limit(configuration, "MAX_OPERATIONS_PER_MINUTE") ?? options.OperationsPerMinute;
                options.ParticipantsPerSession = Limit(configuration, "MAX_PARTICIPANTS") ?? options.ParticipantsPerSession;
                options.ConnectionsPerAddress = Limit(configuration, "MAX_CONNECTIONS_PER_IP") ?? options.ConnectionsPerAddress;
            })
            .ValidateOnStart();
        return services;
    }

    private static int? Limit(IConfiguration configuration, string name) =>
        EnvironmentSettings.Integer(configuration, name) is { } limit
            ? limit <= 1_000_000 ? (int)limit : throw new InvalidOperationException($"{name} must be at most 1000000, got {limit}")
            : null;
}
