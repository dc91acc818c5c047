using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

public class SequentialSplitPreTokenizerTests
{
    [Fact]
    public void EachStageSplitsThePiecesOfTheLast()
    {
        // HF: Sequence[Digits(individual_digits), ByteLevel(use_regex)] — digits first, then GPT-2 on the rest.
        var pre = new SequentialSplitPreTokenizer(
            [SplitPatterns.Isolated(@"\p{N}", "tokenizer.json", "d"), SplitPatterns.Gpt2Regex],
            new Dictionary<string, int> { ["<|eot|>"] = 1 });
        const string text = "hello 123 world<|eot|>ok 4";
        var pieces = pre.PreTokenize(text).Select(r => text.Substring(r.Offset, r.Length));
        Assert.Equal(["hello", " ", "1", "2", "3", " world", "<|eot|>", "ok", " ", "4"], pieces);
    }
}
