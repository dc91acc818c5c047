using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Decoder;

/// <summary>
/// Draws the demonstrations of a few-shot prompt from the training rows: balanced (k/2 of each label; for odd k the
/// extra one's label is drawn too), in a seeded random order, the same set for every test review of a run (so the
/// spread over seeds measures how much the choice of demonstrations matters). Only the pool it is given is ever read:
/// callers pass training rows, so no test text can be a demonstration.
/// </summary>
public static class FewShotSampler
{
    public static IReadOnlyList<SentimentExample> Draw(IReadOnlyList<SentimentExample> pool, int shots, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (shots == 0) return [];
        var random = new Random(seed);
        var byLabel = new[] { SentimentExample.Negative, SentimentExample.Positive }
            .Select(label => pool.Where(e => e.Label == label).ToArray())
            .ToArray();
        int[] wanted = [shots / 2, shots / 2];
        if (shots % 2 == 1) wanted[random.Next(2)]++;
        var chosen = new List<SentimentExample>(shots);
        for (int label = 0; label < 2; label++)
        {
            if (byLabel[label].Length < wanted[label])
                throw new InvalidDataException($"{shots}-shot prompts need {wanted[label]} {SentimentLabels.Name(label)} training rows; the pool has {byLabel[label].Length}");
            // A partial Fisher-Yates draw: k distinct rows, uniform, seeded.
            var indices = Enumerable.Range(0, byLabel[label].Length).ToArray();
            for (int i = 0; i < wanted[label]; i++)
            {
                int j = random.Next(i, indices.Length);
                (indices[i], indices[j]) = (indices[j], indices[i]);
                chosen.Add(byLabel[label][indices[i]]);
            }
        }
        var order = chosen.ToArray();
        random.Shuffle(order);
        return order;
    }
}
