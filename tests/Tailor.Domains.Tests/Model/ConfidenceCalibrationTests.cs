using Tailor.Domains.Model;
using Tailor.Tests;

namespace Tailor.Domains.Tests.Model;

public sealed class ConfidenceCalibrationTests
{
    [Fact]
    public void Isotonic_fit_pools_violators_into_their_mean()
    {
        // Outcomes 0, 1, 0, 1 at rising scores: the 1 then 0 in the middle violate monotonicity and pool to 0.5.
        var calibration = ConfidenceCalibration.Fit([(-3, false), (-2, true), (-1, false), (0, true)]);

        Assert.Equal([-3, -1.5, 0], calibration.Scores);
        Assert.Equal([0, 0.5, 1], calibration.Confidences);
        Assert.Equal(0.25, calibration.Map(-2.25), 10);
        Assert.Equal(0, calibration.Map(-10));
        Assert.Equal(1, calibration.Map(3));
    }

    [Fact]
    public void Fitted_maps_are_monotonic_in_range_and_survive_a_round_trip()
    {
        var random = new Random(5);
        var pairs = Enumerable.Range(0, 500).Select(_ =>
        {
            var score = -4 * random.NextDouble();
            return (score, random.NextDouble() < Math.Exp(score));
        }).ToList();
        var calibration = ConfidenceCalibration.Fit(pairs);
        using var dir = new TempDirectory();
        calibration.Save(dir.Path);
        var loaded = ConfidenceCalibration.Load(dir.Path);

        var previous = -1.0;
        for (var score = -5.0; score <= 1; score += 0.01)
        {
            var confidence = loaded.Map(score);
            Assert.InRange(confidence, 0, 1);
            Assert.True(confidence >= previous - 1e-12, $"not monotonic at {score}");
            Assert.Equal(calibration.Map(score), confidence, 12);
            previous = confidence;
        }
        // The fit follows the true rate exp(score) loosely: low scores mostly bad, high scores mostly good.
        Assert.True(loaded.Map(-3.5) < 0.2);
        Assert.True(loaded.Map(-0.2) > 0.6);
    }

    [Fact]
    public void Without_a_file_the_default_is_the_geometric_mean_token_probability()
    {
        using var dir = new TempDirectory();
        var calibration = ConfidenceCalibration.Load(dir.Path);

        Assert.False(calibration.IsFitted);
        Assert.Equal(Math.Exp(-0.5), calibration.Map(-0.5), 12);
        Assert.Equal(1, calibration.Map(0.3));
    }

    [Fact]
    public void Malformed_files_are_refused()
    {
        using var dir = new TempDirectory();
        dir.Write(ConfidenceCalibration.FileName, """{"scores":[0,-1],"confidences":[0.1,0.2]}""");
        Assert.Throws<DomainDataException>(() => ConfidenceCalibration.Load(dir.Path));
        dir.Write(ConfidenceCalibration.FileName, "{");
        Assert.Throws<DomainDataException>(() => ConfidenceCalibration.Load(dir.Path));
    }
}
