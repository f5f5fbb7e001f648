using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Interview.Gateway.Api;

/// <summary>
/// Reads POST /api/sessions/create's optional body {"language": ...} by hand, so that an empty body,
/// malformed JSON, a wrong type and an unknown language each get their own clear 400.
/// </summary>
public static class CreateSessionBody
{
    public const int MaxBytes = 4 * 1024;

    /// <summary>The requested language, or the error to answer with.</summary>
    public static async Task<(string? Language, IResult? Error)> ReadAsync(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException) when (request.ContentLength is null or > MaxBytes)
        {
            return (null, Results.Json(new ApiError("Request body too large", Message: $"At most {MaxBytes} bytes"), statusCode: 413));
        }

        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (Languages.Default, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            return (null, ApiErrors.BadRequest("Invalid request body", $"Malformed JSON: {exception.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiErrors.BadRequest("Invalid request body", "The body must be a JSON object"));
            }

            if (!root.TryGetProperty("language", out var language) || language.ValueKind == JsonValueKind.Null)
            {
                return (Languages.Default, null);
            }

            if (language.ValueKind != JsonValueKind.String)
            {
                return (null, ApiErrors.BadRequest("Invalid language", "language must be a string: 'javascript' or 'python'"));
            }

            string? value;
            try
            {
                value = language.GetString();
            }
            catch (InvalidOperationException)
            {
                return (null, ApiErrors.BadRequest("Invalid language", "language must be well-formed text: it holds half of a surrogate pair"));
            }

            return Languages.IsKnown(value)
                ? (value, null)
                : (null, ApiErrors.BadRequest("Invalid language", $"Unknown language '{value}'; use 'javascript' or 'python'"));
        }
    }
}
