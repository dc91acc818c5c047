using Tailor.Domains.Guard;
using Tailor.Domains.Safety;

namespace Tailor.Domains.Tests.Guard;

public sealed class SafetyTextNormalizerTests
{
    // Every term keeps a letter that l33t cannot replace, so a fully substituted form still reads as a word.
    private static readonly string[] Terms =
    [
        "cocaine", "kill", "drug and alcohol", "Middlesex", "suicide pacts", "3D-printed guns", "white supremacist",
        "al-Qaeda", "Boko Haram", "escort services", "crystal meth", "child trafficking", "stolen credit card numbers",
    ];

    public static TheoryData<string> ObfuscatorTerms { get; } = new(Terms);

    [Theory]
    [MemberData(nameof(ObfuscatorTerms))]
    public void Undoes_every_SafetyObfuscator_transform(string term)
    {
        var plain = SafetyTextNormalizer.Normalize(term);
        for (var seed = 0; seed < 40; seed++)
        {
            foreach (var (name, transform) in new (string, Func<string, Random, string>)[]
                     {
                         ("leet", SafetyObfuscator.Leet), ("spaced", SafetyObfuscator.Spaced), ("look-alike", SafetyObfuscator.LookAlike),
                     })
            {
                var disguised = transform(term, new Random(seed));
                Assert.True(plain == SafetyTextNormalizer.Normalize(disguised),
                    $"{name} seed {seed}: \"{disguised}\" -> \"{SafetyTextNormalizer.Normalize(disguised)}\", expected \"{plain}\"");
                var inSentence = SafetyTextNormalizer.Normalize($"We are launching a shop for {disguised} in Leeds.");
                Assert.Equal($"we are launching a shop for {plain} in leeds.", inSentence);
            }
        }
    }

    [Theory]
    [InlineData("c o c a i n e", "cocaine")]
    [InlineData("k*i*l*l", "kill")]
    [InlineData("M-i-d-d-l-e", "middle")]
    [InlineData("d_r_u_g a_n_d a_l_c_o_h_o_l", "drug and alcohol")]
    [InlineData("c o c a i n e  s a l e s", "cocaine sales")]
    [InlineData("paid 53x webcam shows", "paid sex webcam shows")]
    [InlineData("explicit \u039DUDe photo sets", "explicit nude photo sets")]
    [InlineData("M1ddl3$ex county", "middlesex county")]
    [InlineData("4lc0h0l and @lc0hol", "alcohol and alcohol")]
    [InlineData("1$1$ recruiting", "isis recruiting")]
    [InlineData("k!ll them", "kill them")]
    [InlineData("a l - S h a b a a b", "al-shabaab")]
    [InlineData("s.e.l.f.-.i.n.j.u.r.y", "self-injury")]
    [InlineData("\uFF23\uFF2F\uFF23\uFF21\uFF29\uFF2E\uFF25", "cocaine")]
    [InlineData("Héroïne à Paris", "heroine a paris")]
    public void Reads_disguised_words(string text, string expected) => Assert.Equal(expected, SafetyTextNormalizer.Normalize(text));

    [Theory]
    [InlineData("We bake sourdough bread in Lyon and deliver on weekends.")]
    [InlineData("Open 24/7, call 555-0100, prices from $50 or 20$.")]
    [InlineData("An e.g. U.S. based team of 12 people.")]
    [InlineData("Wow, great idea! Let's go!!")]
    [InlineData("A plumbing company in Essex run by Sam & Lee (since 1998).")]
    [InlineData("Plan A or plan B is fine.")]
    public void Leaves_ordinary_sentences_as_they_are_apart_from_case(string sentence) =>
        Assert.Equal(sentence.ToLowerInvariant(), SafetyTextNormalizer.Normalize(sentence));

    [Fact]
    public void Folds_accents_and_collapses_whitespace()
    {
        Assert.Equal("cafe muller strasse", SafetyTextNormalizer.Normalize("  Café   Müller\tStrasse \n"));
        Assert.Equal("", SafetyTextNormalizer.Normalize("   "));
    }
}
