namespace Tailor.Evaluation.Judges;

/// <summary>A judge's answer as read: the score, or why the answer cannot be used (said back to the judge on re-ask).</summary>
internal sealed record JudgeAnswer(JudgeScore? Score, string? Problem)
{
    public static JudgeAnswer Usable(JudgeScore score) => new(score, null);

    public static JudgeAnswer Unusable(string problem) => new(null, problem);
}
