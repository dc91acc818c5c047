namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>Where a teacher job stands, for a progress bar.</summary>
/// <param name="Done">Briefs settled (written, failed, dropped as duplicates, skipped or not started), of <paramref name="Total"/>.</param>
/// <param name="Written">Rows written in this run.</param>
/// <param name="Tokens">Tokens spent in this run, prompt plus completion.</param>
public sealed record TeacherProgress(int Done, int Total, int Written, long Tokens);
