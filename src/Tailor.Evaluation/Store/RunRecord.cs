namespace Tailor.Evaluation.Store;

/// <summary>
/// One stored run: a row of the <c>runs</c> table and its <c>run_metrics</c> rows. <see cref="Kind"/> is "eval",
/// "train", ...; <see cref="ConfigJson"/> the run's settings and <see cref="MetricsJson"/> its suite means, both JSON
/// text; <see cref="Directory"/> where its files lie.
/// </summary>
public sealed record RunRecord
{
    public required string Id { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required string Kind { get; init; }

    public string Suite { get; init; } = "";

    public string Suggester { get; init; } = "";

    public string ConfigJson { get; init; } = "{}";

    public string MetricsJson { get; init; } = "{}";

    public string Directory { get; init; } = "";

    public string? GitCommit { get; init; }

    /// <summary>The per-metric intervals; <see cref="IRunStore.List"/> leaves them empty, <see cref="IRunStore.Get"/> fills them.</summary>
    public IReadOnlyList<RunMetricRow> Metrics { get; init; } = [];
}
