using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interview.Shared.Text;

/// <summary>
/// ot.js's JSON form: an array where a positive integer retains, a string inserts and a negative integer
/// deletes. Anything else (zero, fractions, empty strings, lone surrogates, other types) is refused.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new TextOperationException("An operation is a JSON array");
        }

        var operation = new TextOperation();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt32(out var count) && count != 0:
                    _ = count > 0 ? operation.Retain(count) : operation.Delete(-count);
                    break;
                case JsonTokenType.String when ReadText(ref reader) is { Length: > 0 } text && IsWellFormed(text):
                    operation.Insert(text);
                    break;
                default:
                    throw new TextOperationException("Each component is a non-zero integer or a non-empty, well-formed string");
            }
        }

        return operation;
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
