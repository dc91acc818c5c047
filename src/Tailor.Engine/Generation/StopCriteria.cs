namespace Tailor.Engine.Generation;

/// <summary>When a sequence is done: a stop token, or decoded text that contains a stop string.</summary>
internal sealed class StopCriteria(GenerationConfig config, Func<IReadOnlyList<int>, string>? decode)
{
    public bool IsStopToken(int token) => config.StopTokenIds.Contains(token);

    public bool HitsStopString(IReadOnlyList<int> generated)
    {
        if (config.StopStrings.Count == 0 || decode is null) return false;
        var text = decode(generated);
        return config.StopStrings.Any(s => text.Contains(s, StringComparison.Ordinal));
    }

    /// <summary>The text up to the first stop string (all of it when none occurs).</summary>
    public static string CutAtStopString(string text, IReadOnlyList<string> stopStrings)
    {
        int cut = text.Length;
        foreach (var s in stopStrings)
        {
            int at = text.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && at < cut) cut = at;
        }
        return text[..cut];
    }
}
