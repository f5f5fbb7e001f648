using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class LanguagesTests
{
    [Fact]
    public void Knows_javascript_and_python_only()
    {
        Assert.Equal(["javascript", "python"], Languages.All);
        Assert.True(Languages.IsKnown("javascript"));
        Assert.True(Languages.IsKnown("python"));
        Assert.False(Languages.IsKnown("JavaScript"));
        Assert.False(Languages.IsKnown("ruby"));
        Assert.False(Languages.IsKnown(null));
        Assert.Equal("javascript", Languages.Default);
    }

    [Fact]
    public void Templates_are_the_documented_default_values()
    {
        Assert.Equal("// Write your JavaScript code here\n\nfunction solution() {\n  // Your code\n}\n\nsolution();", Languages.Template("javascript"));
        Assert.Equal("# Write your Python code here\n\ndef solution():\n    # Your code\n    pass\n\nsolution()", Languages.Template("python"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Languages.Template("ruby"));
    }
}
