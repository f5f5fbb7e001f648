using Interview.Shared.Validation;

namespace Interview.Grains.Recording;

/// <summary>
/// A stateless reader of the recordings' store: any silo serves any session's recording, several at once.
/// The key is checked against the recording's own copy of its hash (constant-time), never the session's
/// state, which is swept long before the recording is (docs/protocol.md, "Recording and playback").
/// </summary>
[StatelessWorker]
public sealed class RecordingGrain(ISessionRecordings recordings) : Grain, IRecordingGrain
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<RecordingAnswer> Read(byte[] interviewerKeyHash, long from)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        var slice = await recordings.ReadAsync(Id, from, RecordingOptions.PageEvents, RecordingOptions.PageBytes);
        return Check(slice?.Header, interviewerKeyHash) is { } refused ? refused : new RecordingAnswer(RecordingAccess.Granted, slice);
    }

    public async Task<RecordingAnswer> Delete(byte[] interviewerKeyHash)
    {
        if (await Check(interviewerKeyHash) is not RecordingAccess.Granted and var refused)
        {
            return new RecordingAnswer(refused);
        }

        return await recordings.DeleteAsync(Id) ? new RecordingAnswer(RecordingAccess.Granted) : new RecordingAnswer(RecordingAccess.NotFound);
    }

    public async Task<RecordingAccess> Check(byte[] interviewerKeyHash) =>
        Check((await recordings.ReadAsync(Id, 0, 0, 0))?.Header, interviewerKeyHash)?.Access ?? RecordingAccess.Granted;

    private static RecordingAnswer? Check(RecordingHeader? header, byte[] interviewerKeyHash) =>
        header is null or { Deleted: true } ? new RecordingAnswer(RecordingAccess.NotFound)
        : !InterviewerKeys.Match(header.InterviewerKeyHash, interviewerKeyHash) ? new RecordingAnswer(RecordingAccess.Forbidden)
        : null;
}
