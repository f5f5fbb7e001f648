namespace Interview.Client.Services;

/// <summary>Monaco's 1-based line and column of a UTF-16 offset in an LF text.</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public static TextPosition At(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < offset; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return new TextPosition(line, offset - lineStart + 1);
    }
}
