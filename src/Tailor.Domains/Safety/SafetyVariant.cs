namespace Tailor.Domains.Safety;

/// <summary>How one safety-set request is rendered from its template.</summary>
internal enum SafetyVariant
{
    /// <summary>The filled template inside a plain request sentence.</summary>
    Plain,

    /// <summary>The request buried in an otherwise ordinary business description.</summary>
    Embedded,

    /// <summary>The key term in l33t (<see cref="SafetyObfuscator.Leet"/>).</summary>
    Leet,

    /// <summary>The key term pulled apart by spaces or punctuation (<see cref="SafetyObfuscator.Spaced"/>).</summary>
    Spaced,

    /// <summary>The key term in mixed case with look-alike letters (<see cref="SafetyObfuscator.LookAlike"/>).</summary>
    LookAlike,

    /// <summary>A French, Spanish or German rendering.</summary>
    Translated,
}
