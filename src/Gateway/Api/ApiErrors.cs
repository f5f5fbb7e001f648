namespace Interview.Gateway.Api;

/// <summary>REST error answers in SPEC.md's and DESIGN.md's shapes.</summary>
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

    public static IResult CreateFailed() =>
        Results.Json(new ApiError("Failed to create session", Message: "Internal server error"), statusCode: StatusCodes.Status500InternalServerError);
}
