using System.Diagnostics.CodeAnalysis;

namespace Tailor.Domains.Suggestions;

/// <summary>What kind of names to favour.</summary>
public enum NameStyle
{
    /// <summary>Whatever the model ranks best.</summary>
    Brandable,

    /// <summary>Favours names built from the description's keywords.</summary>
    Keyword,

    /// <summary>Labels of at most <see cref="SuggestionRequest.ShortLabelLength"/> characters.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The style is called short in the CLI and API options.")]
    Short,
}
