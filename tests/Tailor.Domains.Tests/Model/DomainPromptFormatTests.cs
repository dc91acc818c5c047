using Tailor.Domains.Data;
using Tailor.Domains.Model;

namespace Tailor.Domains.Tests.Model;

[Collection(TorchModelTests.Name)]
public sealed class DomainPromptFormatTests(TinyDomainModels models) : IClassFixture<TinyDomainModels>
{
    [Fact]
    public void Prompt_is_bos_collapsed_description_and_separator_completion_is_one_name_per_line()
    {
        var format = new DomainPromptFormat(models.Tokenizer);
        var example = Example("  A  bakery\n\tin   Oslo. ", ["oslobakery.com", "bread.shop"]);

        var (prompt, completion) = format.ToSftRecord(example)!.Value;

        Assert.Equal("A bakery in Oslo.\n###\n", prompt);
        Assert.Equal("oslobakery.com\nbread.shop", completion);
        var ids = format.PromptIds(example.Description);
        Assert.Equal(models.Tokenizer.BosTokenId, ids[0]);
        Assert.Equal("A bakery in Oslo.\n###\n", models.Tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Long_descriptions_keep_their_first_192_tokens()
    {
        var format = new DomainPromptFormat(models.Tokenizer);
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"w{i}"));

        var prompt = format.PromptText(words);

        Assert.StartsWith("w0 w1 w2", prompt, StringComparison.Ordinal);
        Assert.EndsWith(DomainPromptFormat.Separator, prompt, StringComparison.Ordinal);
        var description = prompt[..^DomainPromptFormat.Separator.Length];
        Assert.InRange(models.Tokenizer.Encode(description, addSpecialTokens: false).Count, 180, DomainPromptFormat.MaxDescriptionTokens);
        Assert.DoesNotContain("w399", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocked_rows_have_no_training_record()
    {
        var format = new DomainPromptFormat(models.Tokenizer);
        Assert.Null(format.ToSftRecord(Example("something unsafe", null) with { Blocked = true, Reason = "violence" }));
    }

    private static DomainExample Example(string description, IReadOnlyList<string>? domains) => new()
    {
        Id = "x1",
        Group = "g1",
        Description = description,
        Domains = domains,
        Kind = ExampleKinds.Normal,
        Source = ExampleSources.Offline,
        Lang = "en",
    };
}
