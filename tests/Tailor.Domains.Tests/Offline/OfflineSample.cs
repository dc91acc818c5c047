using Tailor.Domains.Synthesis.Offline;

namespace Tailor.Domains.Tests.Offline;

/// <summary>One 2,000-row offline sample shared by the tests (generating it takes about a second).</summary>
internal static class OfflineSample
{
    public const int Count = 2000;

    public const int Seed = 20260401;

    private static readonly Lazy<IReadOnlyList<SyntheticRow>> Sample =
        new(() => OfflineSynthesizer.GenerateRows(new OfflineSynthesisOptions(Count, Seed)).ToList());

    public static IReadOnlyList<SyntheticRow> Rows => Sample.Value;

    /// <summary>The part of a domain before its first dot.</summary>
    public static string Label(string domain) => domain[..domain.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>Everything after the first dot ("co.uk" for "name.co.uk").</summary>
    public static string Tld(string domain) => domain[(domain.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
