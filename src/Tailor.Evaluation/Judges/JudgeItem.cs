namespace Tailor.Evaluation.Judges;

/// <summary>One thing to judge: a case's description and the domains a suggester returned for it, best first.</summary>
public sealed record JudgeItem(string CaseId, string Description, IReadOnlyList<string> Domains);
