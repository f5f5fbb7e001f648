namespace Interview.Shared.Validation;

/// <summary>The languages a session can be in, with the starting template for each (docs/protocol.md, "REST").</summary>
public static class Languages
{
    public const string JavaScript = "javascript";
    public const string Python = "python";
    public const string Default = JavaScript;

    public static IReadOnlyList<string> All { get; } = [JavaScript, Python];

    public static bool IsKnown(string? language) => language is JavaScript or Python;

    public static string Template(string language) => language switch
    {
        JavaScript => "// Write your JavaScript code here\n\nfunction solution() {\n  // Your code\n}\n\nsolution();",
        Python => "# Write your Python code here\n\ndef solution():\n    # Your code\n    pass\n\nsolution()",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language"),
    };
}
