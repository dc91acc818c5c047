namespace Tailor.Training.Data;

/// <summary>Deterministic train/validation splits.</summary>
public static class DatasetSplit
{
    /// <summary>
    /// Splits <paramref name="items"/> into train and validation sets: about
    /// <paramref name="validationFraction"/> of the items (at least one when the fraction is above 0) go to
    /// validation, chosen by <paramref name="seed"/>. Both sides keep the input order.
    /// </summary>
    /// <param name="groupKey">
    /// When given, items with the same key (the same prompt, the same source document...) stay on one side, so the
    /// validation loss is not measured on near-copies of training examples; the validation side is filled group
    /// by group, so its size may overshoot by part of a group.
    /// </param>
    /// <exception cref="TrainingException">The fraction is outside [0, 1), or the split would leave either side empty when it should not.</exception>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Validation) Split<T>(
        IReadOnlyList<T> items, double validationFraction, int seed, Func<T, string>? groupKey = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new TrainingException($"The validation fraction must be at least 0 and below 1, not {validationFraction}.");
        }
        if (validationFraction == 0 || items.Count == 0)
        {
            return (items.ToList(), []);
        }

        var groups = Groups(items, groupKey);
        if (groups.Count < 2)
        {
            throw new TrainingException(
                $"Cannot split {items.Count} examples in {groups.Count} group(s) into train and validation: both need at least one group.");
        }
        var target = Math.Max(1, (int)Math.Round(items.Count * validationFraction, MidpointRounding.AwayFromZero));
        new DeterministicRandom(seed).Shuffle(groups);
        var validation = new bool[items.Count];
        var taken = 0;
        // The last group in shuffled order always stays in train, so train is never empty.
        for (var g = 0; g < groups.Count - 1 && taken < target; g++)
        {
            foreach (var i in groups[g])
            {
                validation[i] = true;
            }
            taken += groups[g].Count;
        }
        var train = new List<T>(items.Count - taken);
        var valid = new List<T>(taken);
        for (var i = 0; i < items.Count; i++)
        {
            (validation[i] ? valid : train).Add(items[i]);
        }
        return (train, valid);
    }

    // Groups as lists of item indices, in order of first appearance (so the result depends on the input only).
    private static List<List<int>> Groups<T>(IReadOnlyList<T> items, Func<T, string>? groupKey)
    {
        if (groupKey is null)
        {
            return [.. Enumerable.Range(0, items.Count).Select(i => new List<int> { i })];
        }
        var groups = new List<List<int>>();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var key = groupKey(items[i]) ?? throw new ArgumentException($"The group key of item {i} is null.", nameof(groupKey));
            if (!byKey.TryGetValue(key, out var group))
            {
                group = [];
                byKey[key] = group;
                groups.Add(group);
            }
            group.Add(i);
        }
        return groups;
    }
}
