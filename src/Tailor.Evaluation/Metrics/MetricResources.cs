using Tailor.Domains;

namespace Tailor.Evaluation.Metrics;

/// <summary>The evaluation's own embedded tables (stop words, synonyms) under <c>Resources/</c>.</summary>
internal static class MetricResources
{
    /// <summary>The words of list <paramref name="name"/> (e.g. "words/stopwords.txt").</summary>
    public static IReadOnlyList<string> Words(string name) => EmbeddedText.Words(typeof(MetricResources).Assembly, "Tailor.Evaluation." + name);

    /// <summary>The rows of table <paramref name="name"/> (e.g. "words/synonyms.txt").</summary>
    public static IReadOnlyList<string[]> Rows(string name) => EmbeddedText.Rows(typeof(MetricResources).Assembly, "Tailor.Evaluation." + name);
}
