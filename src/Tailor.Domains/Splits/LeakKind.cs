namespace Tailor.Domains.Splits;

/// <summary>Why two rows on different sides count as a leak.</summary>
public enum LeakKind
{
    /// <summary>Same group (same company).</summary>
    SharedGroup,

    /// <summary>Same description after normalizing.</summary>
    ExactDuplicate,

    /// <summary>Descriptions at or above the near-duplicate threshold.</summary>
    NearDuplicate,
}
