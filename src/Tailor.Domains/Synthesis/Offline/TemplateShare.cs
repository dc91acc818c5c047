namespace Tailor.Domains.Synthesis.Offline;

/// <summary>One template of a <see cref="DiversityReport"/>: its skeleton, how many descriptions have it, and their share.</summary>
public sealed record TemplateShare(string Template, int Count, double Share);
