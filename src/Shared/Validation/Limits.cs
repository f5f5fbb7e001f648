using System.Text;
using Interview.Shared.Contracts;

namespace Interview.Shared.Validation;

/// <summary>The resource limits (docs/protocol.md, "Limits").</summary>
public static class Limits
{
    /// <summary>Max code size: 100 KB, counted in UTF-8 bytes.</summary>
    public const int MaxCodeBytes = 100 * 1024;

    public const int MaxUsernameLength = 50;

    /// <summary>Max output size: 10 KB of a run's output (and of its error, and of its logs), in UTF-8 bytes.</summary>
    public const int MaxOutputBytes = 10 * 1024;

    /// <summary>Room past <see cref="MaxOutputBytes"/> for the marker that says output was cut.</summary>
    public const int OutputMarkerAllowance = 256;

    /// <summary>A run is stopped at 10 s (Python; JavaScript at 5 s); a reported time is sane below this.</summary>
    public const long MaxExecutionMilliseconds = 10 * 60 * 1000;

    /// <summary>Max program input: 10 KB, counted in UTF-8 bytes.</summary>
    public const int MaxInputBytes = 10 * 1024;

    /// <summary>An SQL run shows at most 1,000 rows of each statement's result.</summary>
    public const int MaxTableRows = 1000;

    /// <summary>An SQL run shows the results of at most 1,000 statements; the runner counts the rest as not shown.</summary>
    public const int MaxTables = 1000;

    /// <summary>How SQL NULL reads in a table's text form and in its measure.</summary>
    public const string SqlNull = "NULL";

    public static bool CodeFits(string code) => Fits(code, MaxCodeBytes);

    public static bool InputFits(string input) => Fits(input, MaxInputBytes);

    /// <summary>Whether a shared run's output (cut by the runner, marker included) is within bounds.</summary>
    public static bool OutputFits(string output) => Fits(output, MaxOutputBytes + OutputMarkerAllowance);

    /// <summary>
    /// Whether a run's console logs are within bounds, measured as the browser's runner measures them when
    /// it cuts (wwwroot/js/runners/output.mjs): the entries' UTF-8 bytes plus one byte for the '\n'
    /// between each two, marker included.
    /// </summary>
    public static bool LogsFit(IReadOnlyList<string> logs) => LogsBytes(logs) <= MaxOutputBytes + OutputMarkerAllowance;

    /// <summary>The logs' size by that measure.</summary>
    public static long LogsBytes(IReadOnlyList<string> logs)
    {
        long bytes = Math.Max(0, logs.Count - 1);
        foreach (var entry in logs)
        {
            bytes += Encoding.UTF8.GetByteCount(entry);
        }

        return bytes;
    }

    /// <summary>
    /// Whether an SQL run's tables are within bounds: at most <see cref="MaxTables"/>, each whole (a cell per column in every row, at least one
    /// column, at most <see cref="MaxTableRows"/> rows, a row count no smaller than the rows shown, a line
    /// from 1) and within the output limit together, measured as the browser's SQL runner measures them
    /// when it cuts (wwwroot/js/runners/sql-table.mjs): every column name and cell as UTF-8 (NULL for a
    /// null cell) plus one byte after each.
    /// </summary>
    public static bool TablesFit(IReadOnlyList<ResultTable> tables)
    {
        if (tables.Count > MaxTables)
        {
            return false;
        }

        long bytes = 0;
        foreach (var table in tables)
        {
            if (table.Columns.Count == 0 || table.Rows.Count > MaxTableRows || table.RowCount < table.Rows.Count || table.Line < 1)
            {
                return false;
            }

            foreach (var column in table.Columns)
            {
                bytes += Encoding.UTF8.GetByteCount(column) + 1;
            }

            foreach (var row in table.Rows)
            {
                if (row.Count != table.Columns.Count)
                {
                    return false;
                }

                foreach (var cell in row)
                {
                    bytes += Encoding.UTF8.GetByteCount(cell ?? SqlNull) + 1;
                }

                if (bytes > MaxOutputBytes)
                {
                    return false;
                }
            }
        }

        return bytes <= MaxOutputBytes;
    }

    private static bool Fits(string text, int maxBytes) =>
        text.Length <= maxBytes && (text.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes);
}
