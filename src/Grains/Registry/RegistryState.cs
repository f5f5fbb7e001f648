namespace Interview.Grains.Registry;

[GenerateSerializer, Alias("interview.registry-state")]
public sealed class RegistryState
{
    /// <summary>Each live session's current deadline.</summary>
    [Id(0)] public Dictionary<Guid, DateTimeOffset> Deadlines { get; set; } = [];
}
