using Tailor.Domains.Data;

namespace Tailor.Evaluation.Suites;

/// <summary>
/// A named list of cases, read from a dataset-format JSONL file (the data issue's <c>suites/*.jsonl</c>, or any split):
/// blocked rows become must-block cases, benign near-misses must-not-block cases, everything else answer cases.
/// </summary>
public sealed record EvalSuite(string Name, IReadOnlyList<EvalCase> Cases)
{
    /// <summary>Reads <paramref name="path"/>; the suite is named after the file ("suites/edge.jsonl" -> "edge").</summary>
    /// <exception cref="Tailor.Domains.DomainDataException">The file is missing or a line is bad ("file:line: why").</exception>
    public static EvalSuite Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cases = DomainDatasetFile.Read(path).Select(ToCase).ToList();
        if (cases.Count == 0)
        {
            throw new Tailor.Domains.DomainDataException($"{path}: the suite has no cases.");
        }
        return new EvalSuite(Path.GetFileNameWithoutExtension(path), cases);
    }

    public static EvalCase ToCase(DomainExample row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (expectation, category) = row switch
        {
            { Blocked: true } => (CaseExpectation.MustBlock, row.Reason!),
            { Kind: ExampleKinds.BenignNearMiss } => (CaseExpectation.MustNotBlock, row.Kind),
            _ => (CaseExpectation.Answer, row.Kind),
        };
        return new EvalCase(row.Id, row.Description, expectation, category, row.DomainList, row.Lang, row.Source);
    }
}
