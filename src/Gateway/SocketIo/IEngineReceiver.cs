namespace Interview.Gateway.SocketIo;

/// <summary>What an Engine.IO socket hands up to the layer above it (<see cref="SocketIoConnection"/>): its messages, in order, and its end.</summary>
public interface IEngineReceiver
{
    /// <summary>A text message; the next is not handed up before this one is handled.</summary>
    ValueTask OnMessageAsync(string data);

    /// <summary>A binary message (its bytes are not kept: nothing this door takes is binary).</summary>
    ValueTask OnBinaryAsync();

    /// <summary>Whether a message is still being handled (the heartbeat waits for it rather than end a client whose pong sits behind it).</summary>
    bool IsBusy { get; }

    void OnClosed();
}
