namespace Interview.Shared.Validation;

/// <summary>The languages a session can be in, with the starting template for each (docs/protocol.md, "REST").</summary>
public static class Languages
{
    public const string JavaScript = "javascript";
    public const string Python = "python";
    public const string TypeScript = "typescript";
    public const string Sql = "sql";
    public const string Default = JavaScript;

    public static IReadOnlyList<string> All { get; } = [JavaScript, Python, TypeScript, Sql];

    public static bool IsKnown(string? language) => language is JavaScript or Python or TypeScript or Sql;

    /// <summary>How a page names the language: "JavaScript", "SQL".</summary>
    public static string DisplayName(string language) => language switch
    {
        JavaScript => "JavaScript",
        Python => "Python",
        TypeScript => "TypeScript",
        Sql => "SQL",
        _ => language,
    };

    /// <summary>A saved file's extension: ".js", ".sql".</summary>
    public static string FileExtension(string language) => language switch
    {
        Python => ".py",
        TypeScript => ".ts",
        Sql => ".sql",
        _ => ".js",
    };

    /// <summary>The known ids as an error message lists them: "javascript, python, typescript or sql".</summary>
    public static string Listed(string quote = "") =>
        string.Join(", ", All.Take(All.Count - 1).Select(id => quote + id + quote)) + " or " + quote + All[^1] + quote;

    public static string Template(string language) => language switch
    {
        JavaScript => "// Write your JavaScript code here\n\nfunction solution() {\n  // Your code\n}\n\nsolution();",
        Python => "# Write your Python code here\n\ndef solution():\n    # Your code\n    pass\n\nsolution()",
        TypeScript => "// Write your TypeScript code here\n\nfunction solution(): void {\n  // Your code\n}\n\nsolution();",
        Sql => "-- Write your SQL here: the schema and rows first, then the queries\n\n" +
            "CREATE TABLE employees (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,\n  department TEXT NOT NULL,\n  salary INTEGER NOT NULL\n);\n\n" +
            "INSERT INTO employees (name, department, salary) VALUES\n  ('Ada', 'Engineering', 120000),\n  ('Grace', 'Engineering', 115000),\n  ('Linus', 'Operations', 90000);\n\n" +
            "SELECT department, COUNT(*) AS people, AVG(salary) AS average_salary\nFROM employees\nGROUP BY department\nORDER BY department;",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language"),
    };
}
