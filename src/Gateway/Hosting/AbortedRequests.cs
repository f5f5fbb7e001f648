using Microsoft.AspNetCore.Http.Features;

namespace Interview.Gateway.Hosting;

/// <summary>
/// A request whose client reset the connection mid-body ends as aborted. Otherwise Kestrel, once the
/// endpoint has answered (a hub transport's POST answers 400), drains the rest of the body from a reader
/// the reset left mid-read, fails, and logs that as an error with its stack trace: any client could
/// write error lines at will by resetting its uploads.
/// </summary>
public static class AbortedRequests
{
    public static WebApplication UseAbortedRequests(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
            {
                context.Request.Body = new AbortOnReset(context.Request.Body, context);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The request body, aborting the request when a read finds the connection reset. Kestrel's own
    /// refusals of a body (too large, too slow, cut short) are IOExceptions too, but leave its reader
    /// sound and are answered: those pass untouched.
    /// </summary>
    private sealed class AbortOnReset(Stream body, HttpContext context) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return body.Read(buffer, offset, count);
            }
            catch (IOException exception) when (exception is not BadHttpRequestException)
            {
                context.Abort();
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await body.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException exception) when (exception is not BadHttpRequestException)
            {
                context.Abort();
                throw;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
