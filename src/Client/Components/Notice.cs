namespace Interview.Client.Components;

/// <summary>Something the user must read: it stays until they close it. A quiet one is information, not a problem.</summary>
public sealed record Notice(string Text, bool Quiet = false);
