namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>The business the teacher invented in step 1, trimmed.</summary>
internal sealed record CompanyAnswer(string CompanyName, string Description);
