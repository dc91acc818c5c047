using System.Globalization;
using Tailor.Domains.Suggestions;

namespace Tailor.Domains.Model;

/// <summary>How the model suggester decodes and ranks. The number of names comes from the request.</summary>
public sealed record ModelSuggesterOptions
{
    /// <summary>Allowed suffixes; null for <see cref="DomainSuffixes.Default"/>.</summary>
    public IReadOnlyList<string>? Tlds { get; init; }

    /// <summary>Longest label (the part before the suffix).</summary>
    public int MaxLabelLength { get; init; } = 20;

    public NameStyle Style { get; init; } = NameStyle.Brandable;

    /// <summary>Names containing one of these words rank higher.</summary>
    public IReadOnlyList<string> IncludeWords { get; init; } = [];

    /// <summary>Names containing one of these words are never generated.</summary>
    public IReadOnlyList<string> ExcludeWords { get; init; } = [];

    /// <summary>Sampled rows decoded alongside the greedy one (0: greedy only).</summary>
    public int Samples { get; init; } = 7;

    /// <summary>Names each row writes (raised when the rows could not reach the request's count otherwise).</summary>
    public int NamesPerRow { get; init; } = 2;

    public double Temperature { get; init; } = 0.9;

    public double TopP { get; init; } = 1.0;

    public long Seed { get; init; } = 1;

    /// <summary>Added to the score (mean log-probability per token) of a name that contains an included word.</summary>
    public double IncludeBonus { get; init; } = 0.5;

    /// <summary>The label length actually enforced: <see cref="SuggestionRequest.ShortLabelLength"/> at most for <see cref="NameStyle.Short"/>.</summary>
    public int EffectiveMaxLabelLength => Style == NameStyle.Short ? Math.Min(SuggestionRequest.ShortLabelLength, MaxLabelLength) : MaxLabelLength;

    /// <summary>Sets one option from its spec form: samples, names-per-row, temperature, top-p, seed, style, max-label, tlds (comma list), include, exclude.</summary>
    /// <exception cref="DomainDataException">Unknown name or a value that does not parse.</exception>
    public ModelSuggesterOptions With(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var options = name.Trim().ToLowerInvariant() switch
        {
            "samples" => this with { Samples = Integer(name, value) },
            "names-per-row" or "names_per_row" => this with { NamesPerRow = Integer(name, value) },
            "temperature" => this with { Temperature = Number(name, value) },
            "top-p" or "top_p" => this with { TopP = Number(name, value) },
            "seed" => this with { Seed = Integer(name, value) },
            "max-label" or "max_length" => this with { MaxLabelLength = Integer(name, value) },
            "style" => this with { Style = Enum.TryParse<NameStyle>(value, ignoreCase: true, out var style) ? style : throw Bad(name, value) },
            "tlds" => this with { Tlds = List(value) },
            "include" => this with { IncludeWords = List(value) },
            "exclude" => this with { ExcludeWords = List(value) },
            _ => throw new DomainDataException($"model option '{name}' is not known; known: samples, names-per-row, temperature, top-p, seed, max-label, style, tlds, include, exclude"),
        };
        return options.Validate();
    }

    /// <exception cref="DomainDataException">An option is out of range.</exception>
    public ModelSuggesterOptions Validate()
    {
        if (MaxLabelLength is < 1 or > Names.DomainSyntax.MaxLabelLength || Samples < 0 || NamesPerRow < 1 || Temperature <= 0 || TopP is <= 0 or > 1)
        {
            throw new DomainDataException(
                $"model options out of range: max-label {MaxLabelLength} (1..63), samples {Samples} (>= 0), names-per-row {NamesPerRow} (>= 1), temperature {Temperature} (> 0), top-p {TopP} (0..1]");
        }
        return this;
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(name, value);

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw Bad(name, value);

    private static string[] List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static DomainDataException Bad(string name, string value) => new($"model option '{name}={value}' does not parse");
}
