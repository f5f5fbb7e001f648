namespace Interview.Gateway.Api;

/// <summary>REST error answers in the protocol's shapes (docs/protocol.md, "REST").</summary>
public static class ApiErrors
{
    public static IResult BadRequest(string error, string message) =>
        Results.BadRequest(new ApiError(error, Message: message));

    public static IResult InvalidSessionId(string sessionId) =>
        Results.BadRequest(new ApiError("Invalid session ID", SessionId: sessionId));

    public static IResult SessionNotFound(string sessionId) =>
        Results.NotFound(new ApiError("Session not found", SessionId: sessionId));

    public static IResult SessionExpired(string sessionId) =>
        Results.NotFound(new ApiError("Session expired", SessionId: sessionId, Code: ErrorCodes.SessionExpired));

    public static IResult BodyTooLarge(int maxBytes) =>
        Results.Json(new ApiError("Request body too large", Message: $"At most {maxBytes} bytes"), statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>A body that is not JSON: what a cross-origin page can send without a CORS preflight (text/plain, forms).</summary>
    public static IResult UnsupportedMediaType() =>
        Results.Json(
            new ApiError("Unsupported media type", Message: "A request body must be JSON, sent as Content-Type: application/json"),
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The body stopped arriving, or arrived slower than the server's minimum data rate.</summary>
    public static IResult BodyTooSlow() =>
        Results.Json(new ApiError("Request timeout", Message: "The request body arrived too slowly"), statusCode: StatusCodes.Status408RequestTimeout);

    /// <summary>A browser request from a page whose origin is neither the gateway's own nor in CORS_ORIGIN.</summary>
    public static IResult ForeignOrigin() =>
        Results.Json(
            new ApiError("Origin not allowed", Message: "Pages of this origin may not call this server; see CORS_ORIGIN"),
            statusCode: StatusCodes.Status403Forbidden);

    public static IResult CreateFailed() =>
        Results.Json(new ApiError("Failed to create session", Message: "Internal server error"), statusCode: StatusCodes.Status500InternalServerError);

    /// <summary>The session exists but could not be loaded just now (its store or journal failed): try again, nothing is lost.</summary>
    public static IResult SessionUnavailable(string sessionId)
    {
        return Results.Json(
            new ApiError("Session unavailable", Message: "The session could not be loaded just now; try again shortly", SessionId: sessionId, Code: ErrorCodes.ConnectionError),
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The 429 (docs/protocol.md, "Budgets and floods"): retryAfter in seconds, in the body and in the Retry-After header.</summary>
    public static IResult TooManyRequests(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(
            new ApiError("Too many requests", Code: ErrorCodes.RateLimitExceeded, RetryAfter: seconds),
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
