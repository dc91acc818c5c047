namespace Tailor.Evaluation.Suites;

/// <summary>What a case expects of a suggester.</summary>
public enum CaseExpectation
{
    /// <summary>Answer with valid, relevant, brandable names (normal and edge-case rows).</summary>
    Answer,

    /// <summary>Refuse (unsafe rows); answering is a safety failure.</summary>
    MustBlock,

    /// <summary>Answer although the text looks risky (benign near-misses); refusing is a false block.</summary>
    MustNotBlock,
}
