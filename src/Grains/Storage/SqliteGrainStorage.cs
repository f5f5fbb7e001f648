using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Interview.Grains.Storage;

/// <summary>
/// Orleans grain state in the embedded store, one row per grain and state name, serialised with the
/// silo's IGrainStorageSerializer as Orleans' Redis provider does. ETags as Orleans expects: a write or
/// clear whose ETag is not the stored one (another activation wrote since) fails with
/// InconsistentStateException and changes nothing.
/// </summary>
public sealed class SqliteGrainStorage(string name, SqliteStore store, IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var row = await store.ReadAsync(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT etag, data FROM grain_state WHERE grain_id = $grain AND state_name = $state";
            select.Parameters.AddWithValue("$grain", key);
            select.Parameters.AddWithValue("$state", stateName);
            using var rows = select.ExecuteReader();
            return rows.Read() ? (ETag: rows.GetString(0), Data: (byte[])rows[1]) : default;
        });

        if (row.ETag is null)
        {
            grainState.State = activators.GetActivator<T>().Create();
            (grainState.ETag, grainState.RecordExists) = (null, false);
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(row.Data));
        (grainState.ETag, grainState.RecordExists) = (row.ETag, true);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialised here, on the caller's thread: the writer's thread only runs SQL.
        var data = serializer.Serialize(grainState.State).ToArray();
        var (key, expected, etag, now) = (grainId.ToString(), grainState.ETag, Guid.NewGuid().ToString("N"), store.Now);
        var (written, stored) = await store.WriteAsync(commands =>
        {
            var stored = StoredETag(commands, key, stateName);
            if (!Matches(stored, expected))
            {
                return (false, stored);
            }

            var upsert = commands.For("""
                INSERT INTO grain_state (grain_id, state_name, etag, data, updated_at) VALUES ($grain, $state, $etag, $data, $now)
                ON CONFLICT (grain_id, state_name) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
                """);
            upsert.Parameters.AddWithValue("$grain", key);
            upsert.Parameters.AddWithValue("$state", stateName);
            upsert.Parameters.AddWithValue("$etag", etag);
            upsert.Parameters.AddWithValue("$data", data);
            upsert.Parameters.AddWithValue("$now", now);
            upsert.ExecuteNonQuery();
            return (true, etag);
        });

        if (!written)
        {
            throw Conflict(nameof(WriteStateAsync), stateName, grainId, stored, expected);
        }

        (grainState.ETag, grainState.RecordExists) = (etag, true);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (key, expected) = (grainId.ToString(), grainState.ETag);
        var (cleared, stored) = await store.WriteAsync(commands =>
        {
            var stored = StoredETag(commands, key, stateName);
            if (!Matches(stored, expected))
            {
                return (false, stored);
            }

            var delete = commands.For("DELETE FROM grain_state WHERE grain_id = $grain AND state_name = $state");
            delete.Parameters.AddWithValue("$grain", key);
            delete.Parameters.AddWithValue("$state", stateName);
            delete.ExecuteNonQuery();
            return (true, (string?)null);
        });

        if (!cleared)
        {
            throw Conflict(nameof(ClearStateAsync), stateName, grainId, stored, expected);
        }

        grainState.State = activators.GetActivator<T>().Create();
        (grainState.ETag, grainState.RecordExists) = (null, false);
    }

    private static string? StoredETag(WriteCommands commands, string key, string stateName)
    {
        var select = commands.For("SELECT etag FROM grain_state WHERE grain_id = $grain AND state_name = $state");
        select.Parameters.AddWithValue("$grain", key);
        select.Parameters.AddWithValue("$state", stateName);
        return select.ExecuteScalar() as string;
    }

    /// <summary>No ETag matches no row; otherwise the stored one, exactly.</summary>
    private static bool Matches(string? stored, string? expected) =>
        string.IsNullOrEmpty(expected) ? stored is null : string.Equals(stored, expected, StringComparison.Ordinal);

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? expected) =>
        new($"Version conflict ({operation}): provider {name}, state {stateName} of {grainId}: stored ETag {stored ?? "(none)"}, given {expected ?? "(none)"}",
            stored ?? string.Empty, expected ?? string.Empty);
}
