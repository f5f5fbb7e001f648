namespace Interview.Gateway.SocketIo;

/// <summary>Engine.IO's HTTP refusals as its clients read them: 400 (or 403) with <c>{code, message}</c>, the codes Engine.IO's own server uses.</summary>
public static class EngineErrors
{
    public static IResult UnknownTransport() => Refuse(0, "Transport unknown");

    public static IResult UnknownSession() => Refuse(1, "Session ID unknown");

    public static IResult BadHandshakeMethod() => Refuse(2, "Bad handshake method");

    public static IResult BadRequest(string why) => Refuse(3, $"Bad request: {why}");

    public static IResult UnsupportedVersion() => Refuse(5, "Unsupported protocol version: this server speaks Engine.IO 4 (socket.io-client 3 and 4)");

    public static IResult TooLarge(long maxPayload) =>
        Results.Json(new EngineError(3, $"Bad request: a body over {maxPayload} bytes"), statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Refuse(int code, string message) => Results.Json(new EngineError(code, message), statusCode: StatusCodes.Status400BadRequest);

    private sealed record EngineError(int Code, string Message);
}
