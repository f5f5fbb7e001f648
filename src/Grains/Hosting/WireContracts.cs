using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Interview.Grains.Hosting;

/// <summary>
/// Lets Orleans carry Interview.Shared's wire records (session-joined, code-update, errors, ...) with
/// its System.Text.Json codec. Those records are the browser's contract and stay free of Orleans;
/// everything the grains define themselves uses Orleans' generated serializers. Silos and clients alike.
/// </summary>
public static class WireContracts
{
    public static IServiceCollection AddWireContractSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsWireContract));

    public static bool IsWireContract(Type type) => type.Assembly == typeof(HubEvents).Assembly;
}
