using System.Globalization;
using Tailor.Domains.Data;

namespace Tailor.Domains.Tests.Splits;

/// <summary>Small valid rows and random descriptions for the split, card and statistics tests.</summary>
internal static class TestRows
{
    public static DomainExample Offline(string id, string group, string description, string kind = ExampleKinds.Normal, string lang = "en", string tld = "com") => new()
    {
        Id = id,
        Group = group,
        Description = description,
        Domains = [.. Enumerable.Range(0, DomainExampleRules.DomainsPerExample).Select(i => $"{group.Replace(':', '-')}{i}.{tld}".ToLowerInvariant())],
        Kind = kind,
        Source = ExampleSources.Offline,
        Lang = lang,
    };

    public static DomainExample Blocked(string id, string group, string description, string reason) => new()
    {
        Id = id,
        Group = group,
        Description = description,
        Blocked = true,
        Reason = reason,
        Kind = ExampleKinds.Unsafe,
        Source = ExampleSources.Offline,
        Lang = "en",
    };

    /// <summary>A random "description" of made-up words: unrelated texts share almost no shingles.</summary>
    public static string RandomText(Random random, int minWords = 8, int maxWords = 40)
    {
        var words = new string[random.Next(minWords, maxWords + 1)];
        for (var i = 0; i < words.Length; i++)
        {
            var letters = new char[random.Next(3, 9)];
            for (var j = 0; j < letters.Length; j++)
            {
                letters[j] = (char)('a' + random.Next(26));
            }
            words[i] = new string(letters);
        }
        return string.Join(' ', words);
    }

    /// <summary><paramref name="count"/> rows with random texts in groups of 1-4 rows.</summary>
    public static List<DomainExample> RandomDataset(int count, int seed, int maxGroupSize = 4)
    {
        var random = new Random(seed);
        var rows = new List<DomainExample>();
        var group = 0;
        while (rows.Count < count)
        {
            var size = Math.Min(random.Next(1, maxGroupSize + 1), count - rows.Count);
            for (var i = 0; i < size; i++)
            {
                var id = "row-" + rows.Count.ToString("D6", CultureInfo.InvariantCulture);
                rows.Add(Offline(id, "g:" + group.ToString(CultureInfo.InvariantCulture), RandomText(random)));
            }
            group++;
        }
        return rows;
    }
}
