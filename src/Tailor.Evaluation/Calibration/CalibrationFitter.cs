using Tailor.Domains.Data;
using Tailor.Domains.Model;
using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;
using Tailor.Evaluation.Metrics;
using Tailor.Evaluation.Reports;

namespace Tailor.Evaluation.Calibration;

/// <summary>
/// Fits a model suggester's <see cref="ConfidenceCalibration"/> on validation descriptions: every name it ranks for
/// them becomes a (score, good) pair, good meaning what the report's reliability table counts (valid, relevance
/// ≥ <see cref="Reliability.RelevantFrom"/>), and the isotonic fit of good on score is the calibration. Validation
/// rows, never the suites: the reliability table in an evaluation report is then an honest check of the fit.
/// </summary>
public static class CalibrationFitter
{
    /// <summary>Descriptions decoded together; the fit does not depend on it.</summary>
    public const int BatchSize = 16;

    /// <summary>
    /// The calibration fitted on the first <paramref name="cases"/> answerable rows of <paramref name="validation"/>
    /// (rows taken at an even stride over the file, so every part of it is represented), and the pairs it was fitted on.
    /// </summary>
    /// <exception cref="ArgumentException">No answerable row, or fewer than 1 case asked.</exception>
    public static (ConfidenceCalibration Calibration, IReadOnlyList<(double Score, bool Good)> Pairs) Fit(
        ModelDomainSuggester suggester, IReadOnlyList<DomainExample> validation, int cases, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(suggester);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfLessThan(cases, 1);
        var answerable = validation.Where(r => !r.Blocked).ToList();
        if (answerable.Count == 0)
        {
            throw new ArgumentException("the validation rows hold no answerable description", nameof(validation));
        }
        var stride = Math.Max(1, answerable.Count / cases);
        var chosen = answerable.Where((_, i) => i % stride == 0).Take(cases).ToList();
        var pairs = new List<(double Score, bool Good)>();
        var done = 0;
        foreach (var batch in chosen.Chunk(BatchSize))
        {
            var ranked = suggester.ScoredNames([.. batch.Select(r => new SuggestionRequest(r.Description))]);
            for (var i = 0; i < batch.Length; i++)
            {
                foreach (var (name, score) in ranked[i])
                {
                    var good = DomainValidity.Check(name).Valid && Relevance.Score(batch[i].Description, name).Score >= Reliability.RelevantFrom;
                    pairs.Add((score, good));
                }
            }
            done += batch.Length;
            progress?.Invoke(done);
        }
        return (ConfidenceCalibration.Fit(pairs), pairs);
    }
}
