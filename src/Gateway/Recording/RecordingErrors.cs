namespace Interview.Gateway.Recording;

/// <summary>The recording endpoints' refusals (docs/protocol.md, "Recording and playback"), each {error, code}.</summary>
public static class RecordingErrors
{
    public static IResult InvalidSessionId(string sessionId) =>
        Results.BadRequest(new ApiError("Invalid session ID", SessionId: sessionId, Code: ErrorCodes.InvalidSession));

    public static IResult InvalidCursor() =>
        Results.BadRequest(new ApiError("Invalid cursor", Message: "Use the next link of the previous page", Code: ErrorCodes.InvalidCursor));

    /// <summary>401 with the challenge RFC 6750 asks for.</summary>
    public static IResult KeyRequired(HttpResponse response)
    {
        response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(
            new ApiError("Interviewer key required", Message: "Send Authorization: Bearer {interviewerKey}", Code: ErrorCodes.Unauthorized),
            statusCode: StatusCodes.Status401Unauthorized);
    }

    public static IResult Forbidden() =>
        Results.Json(new ApiError("Forbidden", Message: "This key is not the session's interviewer key", Code: ErrorCodes.Forbidden), statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound(string sessionId) =>
        Results.NotFound(new ApiError("Recording not found", SessionId: sessionId, Code: ErrorCodes.RecordingNotFound));

    public static IResult Unavailable(string sessionId) =>
        Results.Json(
            new ApiError("Session unavailable", Message: "The recording could not be read just now; try again shortly", SessionId: sessionId, Code: ErrorCodes.ConnectionError),
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
