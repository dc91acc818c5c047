using Tailor.Domains.Safety;

namespace Tailor.Domains.Tests.Safety;

public sealed class SafetyObfuscatorTests
{
    private static readonly string[] Terms =
        ["cocaine", "hate", "neo-Nazi", "credit card", "MDMA", "LSD", "child sexual abuse material", "ghost guns", "Scunthorpe", "suicide"];

    public static TheoryData<string> Kinds => new() { "leet", "spaced", "look-alike" };

    private static string Apply(string kind, string term, Random random) => kind switch
    {
        "leet" => SafetyObfuscator.Leet(term, random),
        "spaced" => SafetyObfuscator.Spaced(term, random),
        _ => SafetyObfuscator.LookAlike(term, random),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_obfuscation_differs_yet_reverses_to_the_term(string kind)
    {
        var random = new Random(7);
        foreach (var term in Terms)
        {
            for (var i = 0; i < 50; i++)
            {
                var disguised = Apply(kind, term, random);
                Assert.NotEqual(term, disguised);
                Assert.Equal(ObfuscationReverser.Normalize(term), ObfuscationReverser.Normalize(disguised));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_random_seed_gives_the_same_disguise(string kind)
    {
        var first = Terms.Select(t => Apply(kind, t, new Random(3))).ToList();
        var second = Terms.Select(t => Apply(kind, t, new Random(3))).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Leet_uses_only_the_listed_substitutions()
    {
        var random = new Random(1);
        var seen = new HashSet<char>();
        for (var i = 0; i < 200; i++)
        {
            var disguised = SafetyObfuscator.Leet("assassination ideas", random);
            Assert.Equal("assassination ideas".Length, disguised.Length);
            seen.UnionWith(disguised.Where(c => !char.IsAsciiLetter(c) && c != ' '));
        }
        Assert.Equal(new HashSet<char>("4@3105$"), seen);
    }

    [Fact]
    public void Spaced_separates_every_letter_with_one_separator()
    {
        var random = new Random(2);
        var separators = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            var disguised = SafetyObfuscator.Spaced("cocaine", random);
            Assert.Equal(13, disguised.Length);
            var separator = disguised[1].ToString();
            Assert.Equal(string.Join(separator, "cocaine".Select(c => c.ToString())), disguised);
            separators.Add(separator);
        }
        Assert.Contains(" ", separators);
        Assert.Contains(".", separators);
    }

    [Fact]
    public void Look_alike_keeps_the_length_and_puts_in_a_non_latin_letter()
    {
        var random = new Random(4);
        for (var i = 0; i < 100; i++)
        {
            var disguised = SafetyObfuscator.LookAlike("heroin", random);
            Assert.Equal(6, disguised.Length);
            Assert.Contains(disguised, c => c > '\u007F');
            Assert.Equal("heroin", ObfuscationReverser.Normalize(disguised));
        }
    }

    [Fact]
    public void Leet_leaves_a_term_without_substitutable_letters_alone()
    {
        Assert.Equal("gun", SafetyObfuscator.Leet("gun", new Random(0)));
    }
}
