namespace Tailor.Domains.Synthesis.Naming;

/// <summary>Letter-level facts about labels: vowels, syllable heads, and how easy a label is to say.</summary>
internal static class Syllables
{
    public static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>
    /// The word up to and including its first vowel group plus the consonant after it ("sourdough" -> "sour",
    /// "pastries" -> "pas", "bread" -> "bread"); at least 3 letters when the word has them.
    /// </summary>
    public static string Head(string word)
    {
        var i = 0;
        while (i < word.Length && !IsVowel(word[i]))
        {
            i++;
        }
        while (i < word.Length && IsVowel(word[i]))
        {
            i++;
        }
        if (i < word.Length)
        {
            i++;
        }
        return word[..Math.Min(word.Length, Math.Max(i, Math.Min(3, word.Length)))];
    }

    /// <summary>
    /// How hard <paramref name="label"/> is to say: one point per run of 4+ consonants, 3+ vowels or 3 equal
    /// letters, and one more when under a fifth of the letters are vowels. 0 reads easily.
    /// </summary>
    public static int Awkwardness(string label)
    {
        var points = 0;
        var consonants = 0;
        var vowels = 0;
        var vowelTotal = 0;
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (IsVowel(c))
            {
                vowelTotal++;
                vowels++;
                consonants = 0;
            }
            else
            {
                consonants++;
                vowels = 0;
            }
            if (consonants == 4 || vowels == 3 || (i >= 2 && c == label[i - 1] && c == label[i - 2]))
            {
                points++;
            }
        }
        if (vowelTotal * 5 < label.Length)
        {
            points++;
        }
        return points;
    }
}
