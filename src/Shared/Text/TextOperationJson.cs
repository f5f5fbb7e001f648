using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interview.Shared.Text;

/// <summary>
/// ot.js's JSON form: an array where a positive integer retains, a string inserts and a negative integer
/// deletes. Anything else (zero, fractions, empty strings, lone surrogates, other types, counts past
/// int.MaxValue, more than <see cref="MaxComponents"/> elements) is refused. Reading is linear in the
/// payload: a hostile operation costs what its bytes cost, never more.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    /// <summary>
    /// The most elements an operation may have: room for Monaco's 10,000 cursors (its multiCursorLimit)
    /// each typing at once, a retain and an insert apiece.
    /// </summary>
    public const int MaxComponents = 20_001;

    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new TextOperationException("An operation is a JSON array");
        }

        var operation = new TextOperation.Builder();
        var elements = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (++elements > MaxComponents)
            {
                throw new TextOperationException($"An operation has at most {MaxComponents} components");
            }

            switch (reader.TokenType)
            {
                // A count is read as 64 bits and bounded before it is negated: -int.MinValue does not fit an int.
                case JsonTokenType.Number when reader.TryGetInt64(out var count) && count is not 0 and >= -int.MaxValue and <= int.MaxValue:
                    _ = count > 0 ? operation.Retain((int)count) : operation.Delete((int)-count);
                    break;
                case JsonTokenType.String when ReadText(ref reader) is { Length: > 0 } text && IsWellFormed(text):
                    operation.Insert(text);
                    break;
                default:
                    throw new TextOperationException("Each component is a non-zero integer or a non-empty, well-formed string");
            }
        }

        return operation.Build();
    }

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var component in value.Components)
        {
            switch (component.Kind)
            {
                case ComponentKind.Retain:
                    writer.WriteNumberValue(component.Count);
                    break;
                case ComponentKind.Insert:
                    writer.WriteStringValue(component.Text);
                    break;
                default:
                    writer.WriteNumberValue(-component.Count);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate escaped as \uD83D: System.Text.Json will not make a string of it
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
