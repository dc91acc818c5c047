namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// What the teacher is asked to invent for one row: a business of <see cref="Industry"/> and <see cref="CompanySize"/>
/// in <see cref="Region"/>, described in <see cref="Tone"/>, at <see cref="DescriptionLength"/>, in <see cref="Language"/>.
/// </summary>
/// <param name="Id">The row id, "teacher-" plus the 6-digit index.</param>
/// <param name="Language">ISO 639-1 code of the description's language.</param>
public sealed record TeacherBrief(
    int Index,
    string Id,
    string Industry,
    string CompanySize,
    string Tone,
    string DescriptionLength,
    string Language,
    string Region);
