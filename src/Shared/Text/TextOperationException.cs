namespace Interview.Shared.Text;

/// <summary>An operation that does not fit its document, or is malformed; hub callers answer it with INVALID_PAYLOAD.</summary>
public sealed class TextOperationException(string message) : Exception(message);
