using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Interview.Grains.Hosting;

/// <summary>
/// Lets Orleans carry Interview.Shared's wire records (session-joined, code-update, errors, ...) with
/// its System.Text.Json codec. Those records are the browser's contract and stay free of Orleans;
/// everything the grains define themselves uses Orleans' generated serializers. Silos and clients alike.
/// </summary>
public static class WireContracts
{
    public static IServiceCollection AddWireContractSerialization(this IServiceCollection services)
    {
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSerializable: IsWireContract, isCopyable: _ => false));
        services.AddSingleton<IGeneralizedCopier, UnchangedCopier>();
        return services;
    }

    public static bool IsWireContract(Type type) => type.Assembly == typeof(HubEvents).Assembly;

    /// <summary>
    /// Within one process (the embedded default: gateway and silo together) Orleans copies every argument
    /// of a call; through the JSON codec that meant serialising each keystroke's submission twice. The wire
    /// records are immutable (so is a TextOperation: its Builder makes it, and it has no mutator), so the one
    /// instance is shared instead. Between processes they are serialised as before.
    /// </summary>
    private sealed class UnchangedCopier : IGeneralizedCopier
    {
        public object? DeepCopy(object? input, CopyContext context) => input;

        public bool IsSupportedType(Type type) => IsWireContract(type);
    }
}
