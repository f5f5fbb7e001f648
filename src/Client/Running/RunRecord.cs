using Interview.Shared.Contracts;

namespace Interview.Client.Running;

/// <summary>
/// A run as the output panel shows it: what it produced, who ran it, whether it was this tab, and (for
/// this tab's runs) why the others could not be shown it, if they could not.
/// </summary>
public sealed record RunRecord(ExecutionResult Run, string Username, bool Mine, string? SharingProblem = null);
