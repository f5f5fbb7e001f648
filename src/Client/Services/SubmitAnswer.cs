namespace Interview.Client.Services;

/// <summary>
/// What became of a submit-operation: the revision it created; refused (an error event says why; the
/// operation can never apply, so the tab resynchronises); or neither, when the connection dropped on the
/// way or the server could not handle it (it is sent again under its own number).
/// </summary>
public readonly record struct SubmitAnswer(long? Revision, bool Refused, bool ResyncRequired = false)
{
    public static SubmitAnswer Created(long revision) => new(revision, false);
    public static SubmitAnswer RefusedByServer => new(null, true);
    public static SubmitAnswer Undelivered => new(null, false);

    /// <summary>The session's history no longer reaches this tab's revision: rejoin, keeping the typing.</summary>
    public static SubmitAnswer Resync => new(null, false, true);
}
