namespace Interview.Grains.Sessions.Core;

/// <summary>An interviewer ended the interview: the code and the language are final from <see cref="At"/> on.</summary>
[GenerateSerializer, Immutable, Alias("interview.interview-ended")]
public sealed record InterviewEnded(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] DateTimeOffset At) : SessionChange;
