using Microsoft.Extensions.AI;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// Checks whether a judge's score depends on where names stand in the list (LLM judges tend to over-weight the
/// first ones): every list is judged as given, then shuffled (<see cref="LlmJudgeOptions.ShuffleSuggestions"/>
/// with the options' <see cref="LlmJudgeOptions.ShuffleSeed"/>), and the two scores compared.
/// </summary>
public static class PositionBias
{
    /// <summary>Judges <paramref name="items"/> in both orders through <paramref name="client"/> and compares.</summary>
    public static async Task<PositionBiasResult> CheckAsync(
        IChatClient client, LlmJudgeOptions options, IReadOnlyList<JudgeItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(items);
        var asGiven = new LlmJudge(client, options with { ShuffleSuggestions = false });
        var shuffled = new LlmJudge(client, options with { ShuffleSuggestions = true });
        var original = await asGiven.ScoreManyAsync(items, cancellationToken: cancellationToken).ConfigureAwait(false);
        var reordered = await shuffled.ScoreManyAsync(items, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Compare(original, reordered, asGiven.Usage.Add(shuffled.Usage));
    }

    /// <summary>Compares scores of the same items in original and shuffled order (the lists line up; nulls are skipped).</summary>
    public static PositionBiasResult Compare(IReadOnlyList<JudgeScore?> original, IReadOnlyList<JudgeScore?> shuffled, JudgeUsage usage)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(shuffled);
        if (original.Count != shuffled.Count)
        {
            throw new ArgumentException($"the two lists differ in length ({original.Count} and {shuffled.Count}).");
        }
        var pairs = original.Zip(shuffled)
            .Where(p => p.First is not null && p.Second is not null)
            .Select(p => (Original: (double)p.First!.Overall, Shuffled: (double)p.Second!.Overall))
            .ToList();
        if (pairs.Count == 0)
        {
            return new PositionBiasResult(0, double.NaN, double.NaN, double.NaN, double.NaN, usage);
        }
        return new PositionBiasResult(
            pairs.Count,
            pairs.Average(p => Math.Abs(p.Shuffled - p.Original)),
            pairs.Average(p => p.Shuffled - p.Original),
            pairs.Average(p => p.Shuffled == p.Original ? 0.0 : 1.0),
            JudgeAgreement.Spearman(pairs.ConvertAll(p => p.Original), pairs.ConvertAll(p => p.Shuffled)),
            usage);
    }
}
