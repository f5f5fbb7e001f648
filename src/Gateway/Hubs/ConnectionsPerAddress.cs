using System.Threading.RateLimiting;
using Interview.Gateway.Api;
using Interview.Gateway.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Interview.Gateway.Hubs;

/// <summary>
/// MAX_CONNECTIONS_PER_IP: hub connections open at once from one client address (an IPv6 /64), held as
/// ASP.NET Core concurrency permits on the hub's endpoints. A WebSocket (or server-sent events) request
/// lasts as long as its connection, so it holds its permit throughout; negotiate holds one for a moment,
/// so an address at its limit is refused there too, with 429, before any connection is established.
/// Counted per gateway: what the limit protects (sockets, memory) is each process's own.
/// </summary>
public static class ConnectionsPerAddress
{
    public const string Policy = "hub-connections-per-address";

    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private static long _refusedSinceLog;
    private static long _loggedAt;

    public static IServiceCollection AddConnectionsPerAddress(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetConcurrencyLimiter(
                ClientAddress.Of(context),
                _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ConnectionsPerAddress,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(RefuseAsync(rejected.HttpContext, cancellationToken));
        });

    /// <summary>Negotiate refused for an address whose open connections are at the limit (long polling's, see <see cref="OpenHubConnections"/>).</summary>
    public static WebApplication UseOpenConnectionsPerAddress(this WebApplication app)
    {
        var open = app.Services.GetRequiredService<OpenHubConnections>();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hub/negotiate") && open.IsFull(ClientAddress.Of(context)))
            {
                await RefuseAsync(context, context.RequestAborted);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>429 for a connection over MAX_CONNECTIONS_PER_IP, at whichever door (negotiate, the Socket.IO handshake).</summary>
    public static async Task RefuseAsync(HttpContext context, CancellationToken cancellationToken)
    {
        LogRefusal(context);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.Response.WriteAsJsonAsync(
            new ApiError("Too many connections", Message: "Too many connections from your address; close some tabs and try again", Code: ErrorCodes.RateLimitExceeded),
            cancellationToken);
    }

    // One line per interval however many are refused: 20,000 refusals must not be 20,000 log lines.
    private static void LogRefusal(HttpContext context)
    {
        var refused = Interlocked.Increment(ref _refusedSinceLog);
        var now = Environment.TickCount64;
        var loggedAt = Interlocked.Read(ref _loggedAt);
        if (now - loggedAt < LogInterval.TotalMilliseconds || Interlocked.CompareExchange(ref _loggedAt, now, loggedAt) != loggedAt)
        {
            return;
        }

        Interlocked.Add(ref _refusedSinceLog, -refused);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectionsPerAddress))
            .LogWarning("Refused {Count} hub connections over MAX_CONNECTIONS_PER_IP (the latest from {Address})", refused, ClientAddress.Of(context));
    }
}
