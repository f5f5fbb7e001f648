using Interview.Grains.Storage;
using Interview.Tests.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Interview.Grains.Tests.Storage;

/// <summary>A store in a fresh temporary DATA_DIR, removed with everything in it when disposed.</summary>
public sealed class TemporaryStore : IDisposable
{
    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly List<SqliteStore> _opened = [];

    public TemporaryStore() => Store = Open();

    public string Folder { get; } = TestEnvironment.NewDataDirectory();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The store opened first; <see cref="Open"/> opens more on the same folder, like more silos would.</summary>
    public SqliteStore Store { get; }

    public SqliteStore Open(IReadOnlyList<SchemaStep>? steps = null)
    {
        var store = SqliteStore.Open(Folder, Clock, steps: steps);
        _opened.Add(store);
        return store;
    }

    public static SqliteGrainStorage GrainStorage(SqliteStore store) =>
        new("sessions", store, new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()), Serialization.GetRequiredService<IActivatorProvider>());

    /// <summary>A connection of the test's own to the database file, to look behind the store's back.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, SqliteStore.FileName)};Pooling=False");
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        TestEnvironment.DeleteDataDirectory(Folder);
    }
}
