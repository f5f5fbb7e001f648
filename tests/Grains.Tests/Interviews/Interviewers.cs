using Interview.Shared.Text;
using Interview.Grains.Sessions;
using Interview.Shared.Validation;

namespace Interview.Grains.Tests.Interviews;

/// <summary>Joins as interviewer (the fixture's key) or candidate, for the role tests.</summary>
internal static class Interviewers
{
    public static JoinRequest AsInterviewer(this JoinRequest request, string? key = null) =>
        request with { InterviewerKeyHash = InterviewerKeys.Hash(key ?? ClusterFixture.Key) };

    public static TextOperation Insert(string text, int at, int length) =>
        new TextOperation.Builder().Retain(at).Insert(text).Retain(length - at).Build();
}
