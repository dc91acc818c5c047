namespace Tailor.Evaluation.Store;

/// <summary>Which runs <see cref="IRunStore.List"/> returns: every given field must match; newest first, at most <see cref="Limit"/>.</summary>
public sealed record RunFilter(string? Kind = null, string? Suite = null, string? Suggester = null, int? Limit = null);
