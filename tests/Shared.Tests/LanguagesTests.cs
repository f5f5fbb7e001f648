using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class LanguagesTests
{
    [Fact]
    public void Knows_javascript_python_typescript_and_sql_only()
    {
        Assert.Equal(["javascript", "python", "typescript", "sql"], Languages.All);
        Assert.All(Languages.All, id => Assert.True(Languages.IsKnown(id)));
        Assert.Equal("javascript, python, typescript or sql", Languages.Listed());
        Assert.Equal("'javascript', 'python', 'typescript' or 'sql'", Languages.Listed("'"));
        Assert.Equal(["JavaScript", "Python", "TypeScript", "SQL"], Languages.All.Select(Languages.DisplayName));
        Assert.Equal([".js", ".py", ".ts", ".sql"], Languages.All.Select(Languages.FileExtension));
        Assert.False(Languages.IsKnown("JavaScript"));
        Assert.False(Languages.IsKnown("ts"));
        Assert.False(Languages.IsKnown("ruby"));
        Assert.False(Languages.IsKnown(null));
        Assert.Equal("javascript", Languages.Default);
    }

    [Fact]
    public void Templates_are_the_documented_default_values()
    {
        Assert.Equal("// Write your JavaScript code here\n\nfunction solution() {\n  // Your code\n}\n\nsolution();", Languages.Template("javascript"));
        Assert.Equal("# Write your Python code here\n\ndef solution():\n    # Your code\n    pass\n\nsolution()", Languages.Template("python"));
        Assert.StartsWith("// Write your TypeScript code here\n\nfunction solution(): void {", Languages.Template("typescript"), StringComparison.Ordinal);
        Assert.StartsWith("-- Write your SQL here", Languages.Template("sql"), StringComparison.Ordinal);
        Assert.All(Languages.All, id => Assert.True(Limits.CodeFits(Languages.Template(id))));
        Assert.Throws<ArgumentOutOfRangeException>(() => Languages.Template("ruby"));
    }
}
