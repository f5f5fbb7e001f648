using Interview.Gateway.Hosting;
using Interview.Gateway.Sessions;
using Interview.Grains.Recording;

namespace Interview.Gateway.Recording;

/// <summary>GET and DELETE /api/sessions/{sessionId}/recording, for the holder of the interviewer key (docs/protocol.md, "Recording and playback").</summary>
public static class RecordingEndpoints
{
    public static void MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/{sessionId}/recording", ReadAsync);
        app.MapDelete("/api/sessions/{sessionId}/recording", DeleteAsync).WithMetadata(BrowserOrigins.Checked);
    }

    private static async Task<IResult> ReadAsync(string sessionId, HttpRequest request, IGrainFactory grains, ClusterCalls cluster, ILogger<RecordingGrain> logger)
    {
        if (Refusal(sessionId, request) is { } refused)
        {
            return refused;
        }

        var (id, keyHash) = (Guid.Parse(sessionId), InterviewerKeys.Hash(BearerKey.Of(request)!));
        var recording = grains.GetGrain<IRecordingGrain>(id);
        long from = 0;
        if (request.Query.TryGetValue("cursor", out var cursors))
        {
            if (cursors.Count != 1 || RecordingCursor.Read(cursors[0] ?? string.Empty, id, keyHash) is not { } index)
            {
                // Whatever is wrong with the cursor, a missing recording or a wrong key is said first.
                var access = await CallAsync<RecordingAccess?>(async () => await recording.Check(keyHash), cluster, logger, sessionId);
                return access is null ? RecordingErrors.Unavailable(sessionId) : Refusal(access.Value, sessionId) ?? RecordingErrors.InvalidCursor();
            }

            from = index;
        }

        var answer = await CallAsync(() => recording.Read(keyHash, from), cluster, logger, sessionId);
        if (answer is null)
        {
            return RecordingErrors.Unavailable(sessionId);
        }

        return Refusal(answer.Access, sessionId) ?? Results.Bytes(RecordingPageWriter.Write(id, keyHash, answer.Slice!), "application/json");
    }

    private static async Task<IResult> DeleteAsync(string sessionId, HttpRequest request, IGrainFactory grains, ClusterCalls cluster, ILogger<RecordingGrain> logger)
    {
        if (Refusal(sessionId, request) is { } refused)
        {
            return refused;
        }

        var keyHash = InterviewerKeys.Hash(BearerKey.Of(request)!);
        var answer = await CallAsync(() => grains.GetGrain<IRecordingGrain>(Guid.Parse(sessionId)).Delete(keyHash), cluster, logger, sessionId);
        if (answer is null)
        {
            return RecordingErrors.Unavailable(sessionId);
        }

        if (answer.Access == RecordingAccess.Granted)
        {
            logger.LogInformation("The recording of session {SessionId} was deleted", sessionId);
        }

        return Refusal(answer.Access, sessionId) ?? Results.NoContent();
    }

    /// <summary>The checks before any call: the id, then the header.</summary>
    private static IResult? Refusal(string sessionId, HttpRequest request) =>
        !SessionIds.IsUuidV4(sessionId) ? RecordingErrors.InvalidSessionId(sessionId)
        : BearerKey.Of(request) is null ? RecordingErrors.KeyRequired(request.HttpContext.Response)
        : null;

    private static IResult? Refusal(RecordingAccess access, string sessionId) => access switch
    {
        RecordingAccess.NotFound => RecordingErrors.NotFound(sessionId),
        RecordingAccess.Forbidden => RecordingErrors.Forbidden(),
        _ => null,
    };

    /// <summary>The call with the cluster's retries; null (logged) when the store or the cluster failed it.</summary>
    private static async Task<T?> CallAsync<T>(Func<Task<T>> call, ClusterCalls cluster, ILogger logger, string sessionId)
    {
        try
        {
            return await cluster.LookupAsync(call);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Reading the recording of session {SessionId} failed", sessionId);
            return default;
        }
    }
}
