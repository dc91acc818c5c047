using System.CommandLine;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor data synth | split | stats | export-sft</c>: build, re-split and inspect domain-name datasets.</summary>
internal static class DataCommand
{
    /// <summary>Where a repository checkout keeps the real companies (relative to the working directory).</summary>
    public const string DefaultRealCompanies = "data/companies/companies.jsonl";

    public static Command Create() => new("data", "Domain-name datasets: synthesize, split, inspect")
    {
        DataSynthCommand.Create(),
        DataSplitCommand.Create(),
        DataStatsCommand.Create(),
        DataExportCommand.Create(),
    };
}
