using Interview.Gateway.Hosting;
using Interview.Gateway.Monitoring;
using Interview.Gateway.Sessions;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Api;

/// <summary>POST /api/sessions/create and GET /api/sessions/{sessionId}.</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sessions/create", CreateAsync).WithMetadata(BrowserOrigins.Checked); // a page elsewhere may not spend its visitors' quota
        app.MapGet("/api/sessions/{sessionId}", DescribeAsync);
        app.Map("/api/{**path}", () => Results.NotFound(new ApiError("Not found", Message: "No such API endpoint")));
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options, InterviewMetrics metrics, ILogger<SessionGrain> logger)
    {
        var (language, error) = await CreateSessionBody.ReadAsync(request, logger);
        if (error is not null)
        {
            return error;
        }

        var client = ClientAddress.Of(request.HttpContext);
        if (await grains.GetGrain<ICreationQuotaGrain>(client).TryCreate() is { } retryAfter)
        {
            logger.LogWarning("Session creation refused for {ClientIp}: over MAX_SESSIONS_PER_HOUR", client);
            return ApiErrors.TooManyRequests(request.HttpContext.Response, retryAfter);
        }

        var id = Guid.NewGuid();
        var interviewerKey = InterviewerKeys.New(); // only its hash leaves this request (docs/protocol.md, "Roles, notes, ending and activity")
        SessionDetails details;
        try
        {
            details = await grains.GetGrain<ISessionGrain>(id).Create(language!, InterviewerKeys.Hash(interviewerKey));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Creating a session failed");
            return ApiErrors.CreateFailed();
        }

        metrics.SessionCreated();
        var baseUrl = options.Value.PublicUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        var shareUrl = $"{baseUrl}/session/{details.SessionId}";
        var response = new CreateSessionResponse(
            details.SessionId, details.CreatedAt, details.Language, shareUrl, interviewerKey, $"{shareUrl}#interviewer={interviewerKey}");
        return Results.Created($"/api/sessions/{details.SessionId}", response);
    }

    private static async Task<IResult> DescribeAsync(string sessionId, IGrainFactory grains, ClusterCalls cluster, ILogger<SessionGrain> logger)
    {
        if (!SessionIds.IsUuidV4(sessionId))
        {
            return ApiErrors.InvalidSessionId(sessionId);
        }

        SessionLookup lookup;
        try
        {
            lookup = await cluster.LookupAsync(() => grains.GetGrain<ISessionGrain>(Guid.Parse(sessionId)).Describe());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The session's own log line says why its activation failed; this one says who was answered.
            logger.LogError(exception, "Looking up session {SessionId} failed", sessionId);
            return ApiErrors.SessionUnavailable(sessionId);
        }

        return lookup.Status switch
        {
            SessionStatus.Active => Results.Ok(lookup.Details),
            SessionStatus.Expired => ApiErrors.SessionExpired(sessionId),
            _ => ApiErrors.SessionNotFound(sessionId),
        };
    }
}
