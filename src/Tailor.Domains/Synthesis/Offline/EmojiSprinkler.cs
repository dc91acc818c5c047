namespace Tailor.Domains.Synthesis.Offline;

/// <summary>Sprinkles emoji into a description, as people do in chats: after sentences and some words, 2 at least.</summary>
internal static class EmojiSprinkler
{
    private static readonly Dictionary<string, string[]> ByIndustry = new(StringComparer.Ordinal)
    {
        ["bakery"] = ["🥐", "🍞", "🎂"], ["coffee"] = ["☕", "🫘"], ["restaurant"] = ["🍝", "🍕", "🍽️"],
        ["fitness"] = ["💪", "🏋️"], ["pets"] = ["🐶", "🐾", "🐱"], ["travel"] = ["✈️", "🌍", "🧳"],
        ["software"] = ["💻", "🚀"], ["ai"] = ["🤖", "🧠"], ["florist"] = ["💐", "🌷"], ["music"] = ["🎸", "🎶"],
        ["farming"] = ["🌽", "🐝", "🥚"], ["beauty"] = ["💅", "✨"], ["gaming"] = ["🎮", "👾"], ["energy"] = ["☀️", "⚡"],
    };

    private static readonly string[] General = ["✨", "🚀", "💡", "🙌", "😊", "🔥", "👍", "🌟", "❤️", "😍", "🎉"];

    public static string Apply(string text, string industryKey, Random random)
    {
        var palette = ByIndustry.TryGetValue(industryKey, out var own) ? [.. own, .. General] : General;
        var words = text.Split(' ').ToList();
        var added = 0;
        for (var i = words.Count - 1; i >= 0; i--)
        {
            var endsSentence = words[i].EndsWith('.') || words[i].EndsWith('!') || words[i].EndsWith('?');
            if (random.Chance(endsSentence ? 0.6 : 0.08))
            {
                words.Insert(i + 1, random.Pick(palette) + (random.Chance(0.3) ? random.Pick(palette) : ""));
                added++;
            }
        }
        for (; added < 2; added++)
        {
            words.Insert(added == 0 ? 0 : words.Count, random.Pick(palette));
        }
        return string.Join(' ', words);
    }
}
