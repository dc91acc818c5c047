using System.Text.Json;

namespace Tailor.Bench.Train;

/// <summary>What a child process measured for one case (its RESULT line).</summary>
internal sealed record CaseMeasurement(
    string Case, long Parameters, long TrainableParameters, double FlopsPerToken, int TokensPerStep,
    IReadOnlyList<double> StepSeconds, double FirstLoss, double LastLoss, long BaselineRssBytes, long PeakRssBytes);

/// <summary>One case of the report, with the derived rates. The JSON keys are those pytorch_train_anchor.py writes.</summary>
internal sealed record CaseSummary(
    string Case, long Parameters, long TrainableParameters, double FlopsPerToken, int TokensPerStep,
    IReadOnlyList<double> StepSeconds, double MedianStepSeconds, double TokensPerSecond, double AchievedFlops,
    double GemmPeakFlops, double Mfu, double FirstLoss, double LastLoss, long BaselineRssBytes, long PeakRssBytes)
{
    public string Dtype => TrainShape.DtypeName(Case);

    public static CaseSummary From(CaseMeasurement m, double gemmPeakFlops)
    {
        var timing = new Timing(m.StepSeconds, m.TokensPerStep);
        double achieved = timing.MedianRate * m.FlopsPerToken;
        return new CaseSummary(m.Case, m.Parameters, m.TrainableParameters, m.FlopsPerToken, m.TokensPerStep,
            m.StepSeconds, timing.MedianSeconds, timing.MedianRate, achieved, gemmPeakFlops, achieved / gemmPeakFlops,
            m.FirstLoss, m.LastLoss, m.BaselineRssBytes, m.PeakRssBytes);
    }
}

/// <summary>A whole run: the file <c>--json</c> writes and <c>--anchor</c> reads.</summary>
internal sealed record TrainRun(
    string Engine, string Cpu, int Threads, int Warmup, int Steps, bool Quick, int GemmSize,
    IReadOnlyDictionary<string, double> GemmPeakFlops, IReadOnlyList<CaseSummary> Cases, double WallSeconds);

internal static class TrainJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
