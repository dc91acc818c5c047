namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// One teacher answer as read: its usable <see cref="Value"/> or the <see cref="Problem"/> that makes it unusable,
/// whether it was strictly formatted (bare JSON with exactly the asked fields), and, for a domains answer, how many
/// domains it gave and how many of those were valid.
/// </summary>
internal sealed record TeacherAnswer<T>(T? Value, string? Problem, bool Strict, int RawDomains = 0, int ValidRawDomains = 0)
    where T : class;
