using System.Text;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// Seeded heavy typos: about a quarter of the words of 3+ letters get one slip (two letters swapped, a letter
/// dropped or doubled), and at least one word always does.
/// </summary>
internal static class Typos
{
    public static string Apply(string text, Random random)
    {
        var words = text.Split(' ');
        if (!words.Any(IsTypable))
        {
            return text;
        }
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (IsTypable(words[i]) && random.Chance(0.25))
            {
                words[i] = Slip(words[i], random);
                changed = true;
            }
        }
        if (!changed)
        {
            var longest = Array.IndexOf(words, words.MaxBy(w => IsTypable(w) ? w.Length : 0));
            words[longest] = Slip(words[longest], random);
        }
        return string.Join(' ', words);
    }

    private static bool IsTypable(string word) => word.Length >= 3 && word.Take(3).All(char.IsLetter);

    private static string Slip(string word, Random random)
    {
        var builder = new StringBuilder(word);
        var at = random.Next(1, Math.Max(2, word.Length - 1));
        switch (random.Next(3))
        {
            case 0 when at + 1 < word.Length && word[at] != word[at + 1]:
                (builder[at], builder[at + 1]) = (builder[at + 1], builder[at]);
                break;
            case 1 when word.Length > 3:
                builder.Remove(at, 1);
                break;
            default:
                builder.Insert(at, word[at]);
                break;
        }
        return builder.ToString();
    }
}
