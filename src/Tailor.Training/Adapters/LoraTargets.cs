using System.Text.RegularExpressions;

namespace Tailor.Training.Adapters;

/// <summary>
/// Which linear layers get LoRA, as PEFT's <c>target_modules</c> says it: a list of names, a regular expression, or
/// <c>"all-linear"</c>.
/// </summary>
public sealed record LoraTargets
{
    /// <summary>PEFT's special value: every linear layer except the output layer (<c>lm_head</c>).</summary>
    public const string AllLinearValue = "all-linear";

    /// <summary>PEFT's name for the output layer, which <c>all-linear</c> leaves out.</summary>
    public const string OutputLayerName = "lm_head";

    LoraTargets(IReadOnlyList<string>? names, string? pattern)
    {
        ModuleNames = names;
        Pattern = pattern;
    }

    /// <summary>Set for a list target: each entry matches a module whose dotted name equals it or ends with "." + it.</summary>
    public IReadOnlyList<string>? ModuleNames { get; }

    /// <summary>Set for a regex target (or <c>all-linear</c>): matched against the whole dotted module name.</summary>
    public string? Pattern { get; }

    public bool IsAllLinear => Pattern == AllLinearValue;

    public static LoraTargets Names(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0) throw new TrainingException("LoRA target_modules: the list is empty; name at least one module (e.g. q_proj)");
        var blank = names.FirstOrDefault(string.IsNullOrWhiteSpace);
        if (blank is not null) throw new TrainingException("LoRA target_modules: a module name is empty");
        return new LoraTargets([.. names], null);
    }

    /// <summary>A regular expression that must match the whole module name (PEFT uses <c>re.fullmatch</c>).</summary>
    public static LoraTargets Regex(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (pattern != AllLinearValue)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new TrainingException($"LoRA target_modules: '{pattern}' is not a valid regular expression: {e.Message}", e);
            }
        }
        return new LoraTargets(null, pattern);
    }

    public static LoraTargets AllLinear { get; } = new(null, AllLinearValue);

    /// <summary>Whether the module with this dotted name (e.g. <c>model.layers.0.self_attn.q_proj</c>) is a target.</summary>
    public bool Matches(string moduleName)
    {
        if (IsAllLinear) return LastPart(moduleName) != OutputLayerName;
        if (Pattern is not null) return System.Text.RegularExpressions.Regex.IsMatch(moduleName, $"^(?:{Pattern})$", RegexOptions.CultureInvariant);
        return ModuleNames!.Any(target => MatchesName(target, moduleName));
    }

    /// <summary>PEFT's list rule: the whole name, or a suffix starting at a dot (so "proj" does not match "q_proj").</summary>
    public static bool MatchesName(string target, string moduleName) =>
        moduleName == target || moduleName.EndsWith("." + target, StringComparison.Ordinal);

    /// <summary>The last part of a dotted name: <c>q_proj</c> for <c>model.layers.0.self_attn.q_proj</c>.</summary>
    public static string LastPart(string moduleName) => moduleName[(moduleName.LastIndexOf('.') + 1)..];

    public override string ToString() => ModuleNames is null ? $"'{Pattern}'" : $"[{string.Join(", ", ModuleNames)}]";

    public bool Equals(LoraTargets? other) =>
        other is not null && Pattern == other.Pattern
        && (ModuleNames is null ? other.ModuleNames is null : other.ModuleNames is not null && ModuleNames.SequenceEqual(other.ModuleNames));

    public override int GetHashCode() => HashCode.Combine(Pattern, ModuleNames is null ? 0 : string.Join("\n", ModuleNames).GetHashCode(StringComparison.Ordinal));
}
