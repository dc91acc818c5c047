using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

public class SplitPatternsTests
{
    [Theory]
    [InlineData(@"a?+b", @"(?>a?)b")]
    [InlineData(@"\p{L}++x", @"(?>\p{L}+)x")]
    [InlineData(@"[^\r\n\p{L}\p{N}]?+\p{L}+", @"(?>[^\r\n\p{L}\p{N}]?)\p{L}+")]
    [InlineData(@"\p{N}{1,3}+", @"(?>\p{N}{1,3})")]
    [InlineData(@"(?:ab)*+c", @"(?>(?:ab)*)c")]
    [InlineData(@"a+?b", @"a+?b")]
    [InlineData(@"[]+]+", @"[]+]+")]
    public void TranslatesPossessiveQuantifiers(string pattern, string expected)
    {
        Assert.Equal(expected, SplitPatterns.TranslatePossessive(pattern));
    }

    [Fact]
    public void IsolatedSplitCoversTheGaps()
    {
        var regex = SplitPatterns.Isolated(@"\p{N}", "tokenizer.json", "pre_tokenizer");
        var pieces = regex.Matches("ab12 c3").Select(m => m.Value);
        Assert.Equal(["ab", "1", "2", " c", "3"], pieces);
    }

    [Fact]
    public void Gpt2PatternSplitsLikeGpt2()
    {
        // A whitespace run gives its last character to the next word, even a newline.
        var pieces = SplitPatterns.Gpt2Regex.Matches("Hello world's  42!!\n\nok").Select(m => m.Value);
        Assert.Equal(["Hello", " world", "'s", " ", " 42", "!!", "\n", "\n", "ok"], pieces);
    }

    [Fact]
    public void UnsupportedRegexNamesTheField()
    {
        var ex = Assert.Throws<EngineException>(() => SplitPatterns.Isolated(@"(?<=\", "tokenizer.json", "pre_tokenizer.pattern"));
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pre_tokenizer.pattern", ex.Message, StringComparison.Ordinal);
    }
}
