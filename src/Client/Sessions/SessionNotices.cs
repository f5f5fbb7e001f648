using Interview.Client.Components;

namespace Interview.Client.Sessions;

/// <summary>What the page tells the user: each notice stays until closed; the same words again come once, as the latest.</summary>
public sealed class SessionNotices
{
    private const int MaxNotices = 5;
    private readonly List<Notice> _items = [];

    public IReadOnlyList<Notice> Items => _items;

    public void Add(Notice notice)
    {
        _items.Remove(notice);
        _items.Add(notice);
        if (_items.Count > MaxNotices)
        {
            _items.RemoveAt(0);
        }
    }

    public void Close(Notice notice) => _items.Remove(notice);
}
