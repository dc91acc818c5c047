namespace Tailor.Domains.Synthesis.Naming;

/// <summary>How a candidate label was made; the naming style favours some strategies over others.</summary>
internal enum NameStrategy
{
    /// <summary>Built on the company's own name: "zentrix", "getzentrix", "zentrixbread".</summary>
    CompanyName,

    /// <summary>Two keywords joined, or one keyword alone: "freshbread", "sourdough".</summary>
    Compound,

    /// <summary>A keyword with a stock prefix or suffix: "getbread", "breadhub", "breadly".</summary>
    Modifier,

    /// <summary>Two keywords merged where they overlap or at a syllable: "crumbake", "brewnity".</summary>
    Blend,

    /// <summary>First syllables of keywords joined: "sourpas".</summary>
    Truncation,

    /// <summary>A seeded pronounceable coinage: "lumora", "vexa".</summary>
    Coined,
}

/// <summary>A label (no TLD yet) and the strategy that made it.</summary>
internal readonly record struct NameCandidate(string Label, NameStrategy Strategy);
