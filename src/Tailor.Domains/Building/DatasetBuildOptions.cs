using Tailor.Domains.Safety;

namespace Tailor.Domains.Building;

/// <summary>
/// What goes into a domain dataset: offline synthetic rows, rows from files (a teacher job's output, an earlier
/// build), the safety set and the real companies; and how it is split. One seed drives every part.
/// </summary>
public sealed record DatasetBuildOptions(int Seed)
{
    /// <summary>Rows the offline generator writes (about 20% of them edge cases); 0 for none.</summary>
    public int SyntheticCount { get; init; } = 30_000;

    /// <summary>Dataset files whose rows are taken as they are, e.g. a teacher job's <c>teacher.jsonl</c>.</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>The real companies file (<c>data/companies/companies.jsonl</c>), or null for no real rows.</summary>
    public string? RealCompaniesPath { get; init; }

    /// <summary>The safety set's sizes, or null for no safety rows.</summary>
    public SafetySetOptions? Safety { get; init; }

    public double ValidationShare { get; init; } = 0.1;

    public double TestShare { get; init; } = 0.1;

    /// <summary>The most cases each evaluation suite keeps (<see cref="DatasetSuites"/>).</summary>
    public int MaxSuiteCases { get; init; } = DatasetSuites.DefaultMaxCases;

    /// <summary>The command that asked for this build, recorded in the card.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>The default dataset: 30,000 offline rows, the safety set and the real companies at <paramref name="realCompaniesPath"/>.</summary>
    public static DatasetBuildOptions Default(int seed, string? realCompaniesPath) => new(seed)
    {
        RealCompaniesPath = realCompaniesPath,
        Safety = new SafetySetOptions(seed),
    };
}
