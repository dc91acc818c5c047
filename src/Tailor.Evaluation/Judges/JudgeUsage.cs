namespace Tailor.Evaluation.Judges;

/// <summary>
/// What a judge has cost so far. <see cref="Requests"/> counts answers asked for (re-asks included, transport retries
/// not: those are <see cref="Retries"/>); <see cref="CacheHits"/> cases answered from the cache for free;
/// <see cref="Unjudged"/> cases whose every answer was unusable.
/// </summary>
public sealed record JudgeUsage(long PromptTokens, long CompletionTokens, int Requests, int Retries, int CacheHits, int Unjudged)
{
    public static JudgeUsage None { get; } = new(0, 0, 0, 0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The cost of both.</summary>
    public JudgeUsage Add(JudgeUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens, Requests + other.Requests,
            Retries + other.Retries, CacheHits + other.CacheHits, Unjudged + other.Unjudged);
    }
}
