namespace Interview.Grains.Sessions;

/// <summary>How many runs each user may share a minute (MAX_EXECUTIONS_PER_MINUTE, SPEC.md's 10).</summary>
public sealed class ExecutionLimitOptions
{
    public int ExecutionsPerMinute { get; set; } = 10;

    public static TimeSpan Window => TimeSpan.FromMinutes(1);
}
