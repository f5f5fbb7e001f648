using Interview.Shared.Contracts;
using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class LimitsTests
{
    [Fact]
    public void Code_of_exactly_100_KB_fits() => Assert.True(Limits.CodeFits(new string('x', 100 * 1024)));

    [Fact]
    public void Code_one_byte_over_100_KB_does_not() => Assert.False(Limits.CodeFits(new string('x', 100 * 1024 + 1)));

    [Fact]
    public void Size_is_counted_in_UTF8_bytes_not_characters()
    {
        var euros = new string('€', 100 * 1024 / 3); // 3 bytes each: 102,399 bytes
        Assert.True(Limits.CodeFits(euros));
        Assert.False(Limits.CodeFits(euros + "€"));
    }

    [Fact]
    public void Surrogate_pairs_count_four_bytes()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100 * 1024 / 4));
        Assert.True(Limits.CodeFits(emoji));
        Assert.False(Limits.CodeFits(emoji + "a"));
    }

    [Fact]
    public void Output_of_10_KB_with_its_cut_marker_fits_and_more_does_not()
    {
        Assert.True(Limits.OutputFits(new string('x', 10 * 1024) + "\n… output cut at 10 KB (989761 more bytes not shown)"));
        Assert.False(Limits.OutputFits(new string('x', 11 * 1024)));
        Assert.False(Limits.OutputFits(new string('€', 4 * 1024))); // 12 KB in UTF-8
    }

    // TablesFit's measure: every column name and cell in UTF-8 (NULL for a null cell) and one byte after each.
    private static ResultTable Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, long? rowCount = null, int? line = 1) =>
        new(columns, rows, rowCount ?? rows.Count, line);

    private static ResultTable OneCell(string? cell) => Table(["c"], [[cell]]);

    [Fact]
    public void Tables_of_exactly_10_KB_fit_and_one_byte_more_do_not()
    {
        Assert.True(Limits.TablesFit([OneCell(new string('x', 10 * 1024 - 3))])); // "c" + 1, the cell + 1
        Assert.False(Limits.TablesFit([OneCell(new string('x', 10 * 1024 - 2))]));
    }

    [Fact]
    public void At_most_a_thousand_tables_fit()
    {
        var empty = Table(["c"], []);
        Assert.True(Limits.TablesFit([.. Enumerable.Repeat(empty, Limits.MaxTables)]));
        Assert.False(Limits.TablesFit([.. Enumerable.Repeat(empty, Limits.MaxTables + 1)])); // 2,002 bytes: within 10 KB, past the count
    }

    [Fact]
    public void The_measure_counts_every_table_together()
    {
        var half = OneCell(new string('x', 5 * 1024 - 3));
        Assert.True(Limits.TablesFit([half, half]));
        Assert.False(Limits.TablesFit([half, half, Table(["c"], [])]));
    }

    [Fact]
    public void Cells_are_measured_in_UTF8_bytes()
    {
        Assert.True(Limits.TablesFit([OneCell("a" + new string('€', 3412))])); // 2 + 1 + 10,236 + 1
        Assert.False(Limits.TablesFit([OneCell("ab" + new string('€', 3412))]));
        Assert.True(Limits.TablesFit([OneCell(string.Concat(Enumerable.Repeat("😀", 2559)) + "x")])); // 2 + 10,236 + 1 + 1
        Assert.False(Limits.TablesFit([OneCell(string.Concat(Enumerable.Repeat("😀", 2560)))]));
    }

    [Fact]
    public void Column_names_count_like_cells()
    {
        var name = new string('n', 10 * 1024 - 1);
        Assert.True(Limits.TablesFit([Table([name], [])]));
        Assert.False(Limits.TablesFit([Table([name + "n"], [])]));
    }

    [Fact]
    public void A_null_cell_counts_as_NULL()
    {
        var rows = Enumerable.Repeat<IReadOnlyList<string?>>([null], 1000).ToList();
        var names = new string('n', 10 * 1024 - 5000 - 1); // the rows: 1,000 × ("NULL" + 1); the name + 1
        Assert.True(Limits.TablesFit([Table([names], rows)]));
        Assert.False(Limits.TablesFit([Table([names + "n"], rows)]));
    }

    [Fact]
    public void A_thousand_rows_fit_and_a_thousand_and_one_do_not()
    {
        IReadOnlyList<string?> row = ["1"];
        Assert.True(Limits.TablesFit([Table(["c"], Enumerable.Repeat(row, Limits.MaxTableRows).ToList(), rowCount: 1_000_000)]));
        Assert.False(Limits.TablesFit([Table(["c"], Enumerable.Repeat(row, Limits.MaxTableRows + 1).ToList())]));
    }

    [Fact]
    public void A_row_of_another_width_than_its_columns_does_not_fit()
    {
        Assert.False(Limits.TablesFit([Table(["a", "b"], [["1", "2"], ["1"]])]));
        Assert.False(Limits.TablesFit([Table(["a"], [["1", null]])]));
        Assert.True(Limits.TablesFit([Table(["a", "b"], [["1", null]])]));
    }

    [Fact]
    public void A_row_count_below_the_rows_shown_does_not_fit()
    {
        Assert.False(Limits.TablesFit([Table(["a"], [["1"], ["2"]], rowCount: 1)]));
        Assert.True(Limits.TablesFit([Table(["a"], [["1"], ["2"]], rowCount: 2)]));
        Assert.True(Limits.TablesFit([Table(["a"], [], rowCount: 0)]));
    }

    [Fact]
    public void A_line_starts_at_1_or_is_unknown()
    {
        Assert.False(Limits.TablesFit([Table(["a"], [], line: 0)]));
        Assert.False(Limits.TablesFit([Table(["a"], [], line: -1)]));
        Assert.True(Limits.TablesFit([Table(["a"], [], line: 1)]));
        Assert.True(Limits.TablesFit([Table(["a"], [], line: null)]));
    }

    [Fact]
    public void A_table_needs_a_column_and_no_tables_fit()
    {
        Assert.False(Limits.TablesFit([Table([], [])]));
        Assert.True(Limits.TablesFit([]));
    }
}
