using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Tests.Tokenization;

public class AddedTokenTableTests
{
    [Fact]
    public void MatchTableListsLongerTokensFirst()
    {
        // The package turns the keys into a regex alternation in this order; the longest token must win.
        var table = new AddedTokenTable("vocab", _ => null);
        table.Add(new AddedToken("<|im", 5, Special: true), "f");
        table.Add(new AddedToken("<|im_start|>", 6, Special: true), "f");
        table.Add(new AddedToken("<|x|>", 7, Special: false), "f");
        Assert.Equal(["<|im_start|>", "<|x|>", "<|im"], table.MatchTable().Keys);
    }

    [Fact]
    public void ResolvingAConfigTokenMakesItSpecial()
    {
        var table = new AddedTokenTable("vocab", t => t == "</s>" ? 2 : null);
        table.Add(new AddedToken("<note>", 9, Special: false), "f");
        Assert.Equal(9, table.Resolve("<note>", "tokenizer_config.json", "pad_token"));
        Assert.Equal(2, table.Resolve("</s>", "tokenizer_config.json", "eos_token"));
        Assert.All(table.Tokens, t => Assert.True(t.Special));
        var ex = Assert.Throws<EngineException>(() => table.Resolve("<bos>", "tokenizer_config.json", "bos_token"));
        Assert.Contains("tokenizer_config.json: bos_token '<bos>'", ex.Message, StringComparison.Ordinal);
    }
}
