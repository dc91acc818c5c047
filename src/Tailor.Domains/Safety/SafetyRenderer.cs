using System.Text.RegularExpressions;

namespace Tailor.Domains.Safety;

/// <summary>
/// Renders one request from a template family in a given variant: fills the template's slots, puts it in a request
/// sentence (and, for <see cref="SafetyVariant.Embedded"/>, in an ordinary business background), then disguises its
/// marked key terms as the variant asks.
/// </summary>
internal sealed partial class SafetyRenderer(SafetyPhrasing phrasing, Random random)
{
    /// <summary>One rendering: the row text, the text before obfuscation, and the key term.</summary>
    public readonly record struct Rendering(string Description, string PlainDescription, string KeyTerm);

    /// <param name="slots">The family's own slot values per language (a category's); shared ones fill the rest.</param>
    public Rendering Render(
        TemplateFamily family,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> slots,
        SafetyVariant variant,
        string language)
    {
        var business = Fill(Pick(family.Templates[language]), slots, language);
        var request = MarkedText.Capitalize(Pick(phrasing.Requests[language]).Replace("{business}", business, StringComparison.Ordinal));
        if (variant == SafetyVariant.Embedded)
        {
            request = Fill(Pick(phrasing.Contexts).Replace("{request}", request, StringComparison.Ordinal), slots, language);
        }
        var plain = MarkedText.Plain(request);
        var description = variant switch
        {
            SafetyVariant.Leet => MarkedText.Transform(request, term => SafetyObfuscator.Leet(term, random)),
            SafetyVariant.Spaced => MarkedText.Transform(request, term => SafetyObfuscator.Spaced(term, random)),
            SafetyVariant.LookAlike => MarkedText.Transform(request, term => SafetyObfuscator.LookAlike(term, random)),
            _ => plain,
        };
        return new Rendering(description, plain, MarkedText.KeyTerm(request));
    }

    private string Fill(
        string template,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> slots,
        string language) =>
        SlotPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var values = slots.GetValueOrDefault(language)?.GetValueOrDefault(name)
                ?? phrasing.Slots.GetValueOrDefault(language)?.GetValueOrDefault(name)
                ?? throw new DomainDataException($"safety content: no '{language}' values for slot {{{name}}} in \"{template}\".");
            return Pick(values);
        });

    private string Pick(IReadOnlyList<string> values) => values[random.Next(values.Count)];

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex SlotPattern();
}
