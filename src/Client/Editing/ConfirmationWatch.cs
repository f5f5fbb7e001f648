namespace Interview.Client.Editing;

/// <summary>
/// Whether this tab's edit has waited longer than <see cref="CollaborativeEditor.ConfirmPatience"/> for the
/// session's answer. The wait counts from the first time a submission's number went, not from its resends.
/// </summary>
internal sealed class ConfirmationWatch(TimeProvider clock, Func<bool> awaiting)
{
    private long _sentSeq;
    private DateTimeOffset _sentAt;

    public bool Unconfirmed { get; private set; }

    /// <summary><see cref="Unconfirmed"/> changed.</summary>
    public event Action? Changed;

    /// <summary>A submission goes; answers whether it is the first time under its number.</summary>
    public bool Sent(long seq)
    {
        if (seq == _sentSeq)
        {
            return false;
        }

        (_sentSeq, _sentAt) = (seq, clock.GetUtcNow());
        _ = UpdateLaterAsync();
        return true;
    }

    public void Update()
    {
        var unconfirmed = awaiting() && clock.GetUtcNow() - _sentAt >= CollaborativeEditor.ConfirmPatience;
        if (unconfirmed != Unconfirmed)
        {
            Unconfirmed = unconfirmed;
            Changed?.Invoke();
        }
    }

    private async Task UpdateLaterAsync()
    {
        await Task.Delay(CollaborativeEditor.ConfirmPatience, clock);
        Update();
    }
}
