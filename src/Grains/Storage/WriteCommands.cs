using Microsoft.Data.Sqlite;

namespace Interview.Grains.Storage;

/// <summary>
/// The writer connection's commands, one per statement, kept so SQLite parses each statement once and
/// then only rebinds it. Used on the writer's thread only, inside the transaction of the current batch.
/// </summary>
internal sealed class WriteCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, with no parameters bound yet.</summary>
    public SqliteCommand For(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public void Execute(string sql) => For(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
