using Tailor.Domains.Names;

namespace Tailor.Domains.Data;

/// <summary>What every stored <see cref="DomainExample"/> must satisfy; readers and generators both check it.</summary>
public static class DomainExampleRules
{
    /// <summary>Synthetic and teacher rows give this many reference domains.</summary>
    public const int DomainsPerExample = 10;

    /// <summary>Why <paramref name="example"/> breaks the schema, or null when it is sound.</summary>
    public static string? Problem(DomainExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (string.IsNullOrWhiteSpace(example.Id))
        {
            return "'id' is empty";
        }
        if (string.IsNullOrWhiteSpace(example.Group))
        {
            return "'group' is empty";
        }
        if (string.IsNullOrWhiteSpace(example.Description))
        {
            return "'description' is empty";
        }
        if (!ExampleKinds.IsKnown(example.Kind))
        {
            return $"unknown kind '{example.Kind}'";
        }
        if (!ExampleSources.IsKnown(example.Source))
        {
            return $"unknown source '{example.Source}' (expected offline, real or teacher:<model>)";
        }
        if (string.IsNullOrWhiteSpace(example.Lang) || example.Lang.Length != 2 || !example.Lang.All(char.IsAsciiLetterLower))
        {
            return $"'lang' must be a two-letter ISO 639-1 code, got '{example.Lang}'";
        }
        return example.Blocked ? BlockedProblem(example) : AnsweredProblem(example);
    }

    private static string? BlockedProblem(DomainExample example)
    {
        if (example.Reason is null || !SafetyCategories.IsKnown(example.Reason))
        {
            return $"a blocked row needs a 'reason' from: {string.Join(", ", SafetyCategories.All)}";
        }
        if (example.DomainList.Count > 0)
        {
            return "a blocked row has no 'domains'";
        }
        return example.Kind == ExampleKinds.Unsafe ? null : $"a blocked row must have kind '{ExampleKinds.Unsafe}'";
    }

    private static string? AnsweredProblem(DomainExample example)
    {
        if (example.Kind == ExampleKinds.Unsafe)
        {
            return $"kind '{ExampleKinds.Unsafe}' needs \"blocked\": true";
        }
        if (example.Reason is not null)
        {
            return "'reason' belongs to blocked rows only";
        }
        var domains = example.DomainList;
        var expected = example.Source == ExampleSources.Real ? 1 : DomainsPerExample;
        if (domains.Count != expected)
        {
            return $"expected {expected} domains for a {example.Source} row, got {domains.Count}";
        }
        for (var i = 0; i < domains.Count; i++)
        {
            // Registrable under the Public Suffix List, as the evaluator and the suggester require of every name.
            var validity = DomainValidity.Check(domains[i]);
            if (!validity.Valid)
            {
                return $"domain {i + 1} '{domains[i]}' is invalid: {validity.Reason}";
            }
        }
        if (domains.Distinct(StringComparer.Ordinal).Count() != domains.Count)
        {
            return "domains repeat";
        }
        return null;
    }
}
