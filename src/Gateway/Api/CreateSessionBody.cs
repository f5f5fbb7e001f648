using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Interview.Gateway.Api;

/// <summary>
/// Reads POST /api/sessions/create's optional body {"language": ...} by hand, so that an empty body,
/// a body that is not JSON, a slow or cut-off body, malformed JSON, a wrong type and an unknown language
/// each get their own clear answer.
/// </summary>
public static class CreateSessionBody
{
    public const int MaxBytes = 4 * 1024;

    /// <summary>The requested language, or the error to answer with.</summary>
    public static async Task<(string? Language, IResult? Error)> ReadAsync(HttpRequest request, ILogger logger)
    {
        if (HasNoBody(request))
        {
            return (Languages.Default, null);
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, ApiErrors.BodyTooLarge(MaxBytes));
        }

        // Only JSON: a page of any origin can POST text/plain or a form without a CORS preflight, and
        // would spend its visitors' session quota here.
        if (!IsJson(request.ContentType))
        {
            return (null, ApiErrors.UnsupportedMediaType());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            // Without RequestAborted: cancelling a read through it leaves Kestrel's body reader mid-read, and
            // its draining of the rest then fails with an error of its own. A lost connection ends the read
            // anyway, and MinRequestBodyDataRate a slow one.
            await request.Body.CopyToAsync(buffer);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's refusals of the body itself: over the size limit (chunked, so not known up front),
            // slower than MinRequestBodyDataRate, or ending before its Content-Length. The client's doing,
            // so one short line and no stack trace.
            if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, ApiErrors.BodyTooLarge(MaxBytes));
            }

            var tooSlow = exception.StatusCode == StatusCodes.Status408RequestTimeout;
            logger.LogInformation("Refused a session creation body: {Reason}", tooSlow ? "it arrived too slowly" : "it ended early");
            return (null, tooSlow ? ApiErrors.BodyTooSlow() : IncompleteBody());
        }
        catch (Exception exception) when (exception is IOException || (exception is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The client reset or dropped the connection mid-body: nobody is left to answer (AbortedRequests
            // has ended the request, so Kestrel does not try to drain the rest).
            logger.LogInformation("Refused a session creation body: {Reason}", "the connection closed before it ended");
            return (null, IncompleteBody());
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
                return (null, ApiErrors.BadRequest("Invalid language", $"language must be a string: {Languages.Listed("'")}"));
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
                : (null, ApiErrors.BadRequest("Invalid language", $"Unknown language '{value}'; use {Languages.Listed("'")}"));
        }
    }

    private static IResult IncompleteBody() => ApiErrors.BadRequest("Invalid request body", "The request body ended before it was complete");

    /// <summary>No body at all: no Content-Length and no chunked framing, or a length of 0 (whatever its type).</summary>
    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength == 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false });

    /// <summary>application/json, with parameters (a charset) or without.</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
