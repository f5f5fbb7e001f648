namespace Interview.Shared.Contracts;

/// <summary>
/// What one statement of an SQL run returned (docs/protocol.md, "SQL results"): its column names, the
/// first of its rows (each a cell per column, null for SQL NULL, every other value as its text), how
/// many rows it returned in all (<see cref="RowCount"/> past <c>Rows.Count</c> is what was cut), and the
/// line of the session's code the statement starts on.
/// </summary>
public sealed record ResultTable(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    long RowCount,
    int? Line);
