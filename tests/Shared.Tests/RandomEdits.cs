using System.Text;
using Interview.Shared.Text;

namespace Interview.Shared.Tests;

/// <summary>Random documents and random operations over them, with surrogate pairs and CRLF, never cutting a pair.</summary>
public sealed class RandomEdits(int seed)
{
    private static readonly string[] Pieces = ["a", "b", "x", " ", "\r\n", "\n", "é", "😀", "👩‍💻"];
    private readonly Random _random = new(seed);

    public string Document(int maxPieces = 12)
    {
        var builder = new StringBuilder();
        for (var i = _random.Next(0, maxPieces); i > 0; i--)
        {
            builder.Append(Pieces[_random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>An operation over <paramref name="document"/>, with the text it should produce.</summary>
    public (TextOperation Operation, string Expected) Operation(string document)
    {
        var operation = new TextOperation.Builder();
        var expected = new StringBuilder();
        var position = 0;
        while (position < document.Length || _random.Next(4) == 0)
        {
            var span = WholeCharacters(document, position, _random.Next(1, 5));
            switch (_random.Next(3))
            {
                case 0 when span > 0:
                    operation.Retain(span);
                    expected.Append(document, position, span);
                    position += span;
                    break;
                case 1 when span > 0:
                    operation.Delete(span);
                    position += span;
                    break;
                default:
                    var text = Document(3);
                    operation.Insert(text);
                    expected.Append(text);
                    if (position >= document.Length && text.Length == 0)
                    {
                        return (operation.Build(), expected.ToString());
                    }

                    break;
            }
        }

        return (operation.Build(), expected.ToString());
    }

    /// <summary>How many code units, up to about <paramref name="wanted"/>, end on a character boundary.</summary>
    private static int WholeCharacters(string document, int position, int wanted)
    {
        var end = Math.Min(document.Length, position + wanted);
        if (end < document.Length && end > 0 && char.IsHighSurrogate(document[end - 1]) && char.IsLowSurrogate(document[end]))
        {
            end++;
        }

        return end - position;
    }
}
