using Tailor.Domains.Data;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>How one brief ended: a candidate row (still to pass the duplicate check), a failure, an early duplicate, or not started.</summary>
internal sealed record TeacherBriefOutcome(TeacherBriefOutcome.Ending End, DomainExample? Row = null, string? CompanyKey = null, string? DescriptionKey = null)
{
    public enum Ending
    {
        Candidate,
        Failed,
        Duplicate,
        NotStarted,
    }

    public static TeacherBriefOutcome Failed { get; } = new(Ending.Failed);

    public static TeacherBriefOutcome Duplicate { get; } = new(Ending.Duplicate);

    public static TeacherBriefOutcome NotStarted { get; } = new(Ending.NotStarted);
}
