using System.Globalization;
using Tailor.Domains.Cards;
using Tailor.Domains.Data;
using Tailor.Domains.Real;
using Tailor.Domains.Safety;
using Tailor.Domains.Splits;
using Tailor.Domains.Synthesis.Offline;

namespace Tailor.Domains.Building;

/// <summary>
/// Builds a dataset folder: gathers the rows (<see cref="DatasetBuildOptions"/>), splits them group- and
/// near-duplicate-disjointly, writes <c>train/validation/test.jsonl</c>, the evaluation suites and the card.
/// Same options, same bytes.
/// </summary>
public static class DomainDatasetBuilder
{
    /// <summary>Builds into <paramref name="outputDirectory"/>; <paramref name="onStage"/> hears each stage as it starts.</summary>
    /// <exception cref="DomainDataException">An input file is missing or bad, or two rows share an id.</exception>
    public static DatasetBuildResult Build(DatasetBuildOptions options, string outputDirectory, Action<string>? onStage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var stage = onStage ?? (_ => { });
        var rows = new List<DomainExample>();

        if (options.SyntheticCount > 0)
        {
            stage($"writing {options.SyntheticCount:N0} offline rows");
            rows.AddRange(OfflineSynthesizer.Generate(new OfflineSynthesisOptions(options.SyntheticCount, options.Seed)));
        }
        foreach (var file in options.InputFiles)
        {
            stage($"reading {file}");
            rows.AddRange(DomainDatasetFile.Read(file));
        }
        // Diversity is a property of the generated text: measured before safety and real rows join.
        var generated = rows.Where(r => r.Source != ExampleSources.Real && !r.Group.StartsWith(SafetySetBuilder.GroupPrefix, StringComparison.Ordinal)).ToList();
        var diversity = generated.Count > 0 ? DiversityReport.Measure(generated.Select(r => r.Description)) : null;
        if (options.Safety is { } safety)
        {
            stage("writing the safety set");
            rows.AddRange(SafetySetBuilder.Generate(safety));
        }
        if (options.RealCompaniesPath is { } realPath)
        {
            stage($"reading real companies from {realPath}");
            rows.AddRange(RealPairs.Load(realPath, options.Seed));
        }

        stage($"splitting {rows.Count:N0} rows (groups and near duplicates kept together)");
        var splitOptions = new SplitOptions(options.Seed)
        {
            Validation = options.ValidationShare,
            Test = options.TestShare,
            Stratum = SafetySetBuilder.Stratum,
        };
        var (splits, report) = GroupSplitter.SplitWithReport(rows, splitOptions);

        stage($"writing {outputDirectory}");
        splits.Write(outputDirectory);
        var suites = DatasetSuites.Write(splits.Test, outputDirectory, options.Seed, options.MaxSuiteCases);
        var card = DatasetCard.Write(outputDirectory, splits, CardInfo(options, report, diversity, suites, outputDirectory));
        return new DatasetBuildResult(splits, report, diversity, card, suites);
    }

    private static DatasetCardInfo CardInfo(
        DatasetBuildOptions options, SplitReport report, DiversityReport? diversity, IReadOnlyList<string> suites, string directory)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("offline rows asked for", options.SyntheticCount.ToString("N0", CultureInfo.InvariantCulture)),
            new("input files", options.InputFiles.Count == 0 ? "none" : string.Join(", ", options.InputFiles.Select(Path.GetFileName))),
            new("safety set", options.Safety is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{s.UnsafePerCategory} must-block rows per category, {s.NearMisses} benign near-misses")
                : "none"),
            new("real companies", options.RealCompaniesPath is null ? "none" : "data/companies/companies.jsonl (names masked in half the rows that give them)"),
            new("validation / test shares", string.Create(CultureInfo.InvariantCulture, $"{options.ValidationShare:0.##} / {options.TestShare:0.##}")),
            new("safety hold-out", "whole template families of every category go to validation and test"),
        };
        var sections = new List<CardSection>();
        if (diversity is not null)
        {
            sections.Add(new CardSection("Diversity of the generated descriptions", diversity.ToMarkdown()));
        }
        if (suites.Count > 0)
        {
            var lines = DatasetSuites.All.Select(s => (s.Name, Path: Path.Combine(directory, DatasetSuites.Folder, s.Name + ".jsonl")))
                .Where(s => suites.Contains(s.Path))
                .Select(s => string.Create(CultureInfo.InvariantCulture,
                    $"- `{DatasetSuites.Folder}/{s.Name}.jsonl`: {File.ReadLines(s.Path).Count():N0} rows"));
            sections.Add(new CardSection("Evaluation suites (cut from the test split)", string.Create(CultureInfo.InvariantCulture,
                $"At most {options.MaxSuiteCases:N0} cases each, a seeded sample of the test split's rows of that kind.\n\n") + string.Join("\n", lines)));
        }
        return new DatasetCardInfo("Domain-name dataset", options.CommandLine, options.Seed)
        {
            Summary = "Business descriptions with 10 reference domain names (best first) or a refusal, for training and "
                + "evaluating Tailor's domain suggester. Built offline and deterministically: the same command gives the same bytes.",
            Settings = settings,
            Splitting = report,
            Sections = sections,
        };
    }
}
