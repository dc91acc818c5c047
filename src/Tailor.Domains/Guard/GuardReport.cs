using System.Globalization;
using System.Text;

namespace Tailor.Domains.Guard;

/// <summary>
/// What training the guard produced: the threshold chosen on the validation split and the guard's rates there
/// (<see cref="GuardRates"/>), with the training set's size and the seed.
/// </summary>
public sealed record GuardReport(double Threshold, int Seed, int TrainRows, int TrainUnsafeRows, int TrainNearMisses, GuardRates Validation)
{
    public double SafetyPass => Validation.SafetyPass;

    public double NearMissFalseBlockRate => Validation.NearMissFalseBlockRate;

    public double NormalFalseBlockRate => Validation.OtherFalseBlockRate;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Trained on {TrainRows:N0} train rows ({TrainUnsafeRows:N0} must-block, {TrainNearMisses:N0} benign near-misses), seed {Seed}; " +
            $"threshold {Threshold:0.####} on the score 1 - P(safe), chosen on the validation split.");
        text.AppendLine();
        text.AppendLine("Validation split:");
        text.AppendLine();
        text.Append(Validation.ToMarkdown());
        return text.ToString();
    }
}
