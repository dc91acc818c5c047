using Tailor.Domains.Data;
using Tailor.Domains.Splits;

namespace Tailor.Domains.Guard;

/// <summary>
/// Trains the guard on a dataset folder (<see cref="DatasetSplits.Read"/>): a 9-class <see cref="SafetyClassifier"/>
/// ("safe" plus the eight <see cref="SafetyCategories"/>) on the train split, where every row that is not blocked
/// (normal, edge and benign near-miss rows) is "safe"; then the threshold on the validation split.
/// </summary>
/// <remarks>
/// The threshold: the lowest score of a validation must-block row the backstop does not already catch is the highest
/// threshold that still refuses them all. When that lets through no more near-misses than allowed, the threshold sits
/// halfway (in log-odds) between it and the highest safe row scoring below it, for margin on both sides; otherwise the
/// near-miss limit wins and the report shows the must-block rows missed.
/// </remarks>
public static class SafetyGuardTrainer
{
    public static (SafetyGuardModel Model, GuardReport Report) Train(string datasetDirectory, int seed, GuardTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        options ??= new GuardTrainingOptions();
        var splits = DatasetSplits.Read(datasetDirectory);
        var examples = splits.Train
            .Select(row => new LabeledText(
                row.Description,
                row.Blocked ? row.Reason! : SafetyGuardModel.SafeClass,
                row.Kind == ExampleKinds.BenignNearMiss ? options.NearMissWeight : 1f))
            .ToList();
        var classifier = SafetyClassifier.Train(examples, options.Classifier, seed, [SafetyGuardModel.SafeClass, .. SafetyCategories.All]);
        var threshold = ChooseThreshold(classifier, splits.Validation, options.MaxNearMissFalseBlockRate);
        var model = new SafetyGuardModel(classifier, threshold, seed);
        var validation = GuardRates.Measure(new SafetyGuard(model), splits.Validation);
        var report = new GuardReport(threshold, seed, splits.Train.Count, splits.Train.Count(r => r.Blocked),
            splits.Train.Count(r => r.Kind == ExampleKinds.BenignNearMiss), validation);
        return (model, report);
    }

    private static double ChooseThreshold(SafetyClassifier classifier, IReadOnlyList<DomainExample> validation, double maxNearMissRate)
    {
        // Scored with a provisional model: the threshold does not change the scores.
        var scorer = new SafetyGuardModel(classifier, 0.5, 0);
        var scored = validation.Select(row => (Row: row, Score: scorer.Score(row.Description).Score, Backstop: SevereTermBackstop.Find(row.Description) is not null)).ToList();
        var mustBlock = scored.Where(s => s.Row.Blocked && !s.Backstop).Select(s => s.Score).ToList();
        var nearMisses = scored.Where(s => s.Row.Kind == ExampleKinds.BenignNearMiss && !s.Backstop).Select(s => s.Score).OrderDescending().ToList();
        var allowed = (int)Math.Floor(maxNearMissRate * scored.Count(s => s.Row.Kind == ExampleKinds.BenignNearMiss))
            - scored.Count(s => s.Row.Kind == ExampleKinds.BenignNearMiss && s.Backstop);
        // The lowest threshold that keeps near-miss false blocks within the allowance.
        var nearMissLimit = allowed < 0 ? 1.0 : allowed < nearMisses.Count ? Math.BitIncrement(nearMisses[allowed]) : 0.0;
        var catchAll = mustBlock.Count == 0 ? 1.0 : mustBlock.Min();
        if (catchAll < nearMissLimit)
        {
            return nearMissLimit;
        }
        var highestSafeBelow = scored.Where(s => !s.Row.Blocked && s.Score < catchAll).Select(s => s.Score).DefaultIfEmpty(0).Max();
        var midpoint = Sigmoid((Logit(catchAll) + Logit(Math.Max(highestSafeBelow, nearMissLimit))) / 2);
        return Math.Min(midpoint, catchAll);
    }

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-12, 1 - 1e-12);
        return Math.Log(clamped / (1 - clamped));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
