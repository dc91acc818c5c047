using Tailor.Domains.Model;
using Tailor.Domains.Names;
using Tailor.Engine.Generation;
using static TorchSharp.torch;

namespace Tailor.Domains.Tests.Model;

[Collection(TorchModelTests.Name)]
public sealed class DomainConstraintTests(TinyDomainModels models) : IClassFixture<TinyDomainModels>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_models_write_exactly_count_valid_distinct_names_under_allowed_suffixes(long modelSeed)
    {
        string[] tlds = ["com", "io", "co", "shop", "studio", "ai"];
        using var model = models.Build(modelSeed);
        var vocabulary = new DomainVocabulary(models.Tokenizer, model.Config.VocabSize, tlds, maxLabelLength: 12);

        for (var sampleSeed = 0; sampleSeed < 5; sampleSeed++)
        {
            foreach (var count in new[] { 1, 3, 10 })
            {
                var outputs = Generate(model, vocabulary, count, new GenerationConfig { Temperature = 1.5, NumReturnSequences = 3, Seed = sampleSeed });
                foreach (var (names, finished) in outputs)
                {
                    Assert.True(finished, "every sequence ends with EOS within the token budget");
                    Assert.Equal(count, names.Length);
                    Assert.Equal(count, names.Distinct(StringComparer.Ordinal).Count());
                    foreach (var name in names)
                    {
                        var validity = DomainValidity.Check(name);
                        Assert.True(validity.Valid, $"{name}: {validity.Reason}");
                        Assert.Contains(validity.RegistrableSuffix, tlds);
                        Assert.InRange(name.Split('.')[0].Length, 1, 12);
                    }
                }
            }
        }
    }

    [Fact]
    public void Logits_that_strongly_prefer_invalid_tokens_and_early_eos_still_give_count_valid_names()
    {
        using var model = models.Build(7);
        var vocabulary = new DomainVocabulary(models.Tokenizer, model.Config.VocabSize, DomainSuffixes.Default, maxLabelLength: 10);
        var tokenizer = models.Tokenizer;
        int[] tempting =
        [
            tokenizer.EosTokenId!.Value,
            .. tokenizer.Encode("A", addSpecialTokens: false),
            .. tokenizer.Encode(" ", addSpecialTokens: false),
            .. tokenizer.Encode("_", addSpecialTokens: false),
            .. tokenizer.Encode("-", addSpecialTokens: false),
            .. tokenizer.Encode(".", addSpecialTokens: false),
            .. tokenizer.Encode("\n", addSpecialTokens: false),
        ];
        var bias = new BiasProcessor(tempting, 1000f);

        var greedy = Generate(model, vocabulary, 10, new GenerationConfig(), before: bias);
        var (names, finished) = Assert.Single(greedy);

        Assert.True(finished);
        Assert.Equal(10, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(DomainValidity.Check(n).Valid, n));
    }

    [Fact]
    public void A_label_already_used_with_the_only_suffix_cannot_reach_the_dot()
    {
        var tokenizer = models.Tokenizer;
        var vocabulary = new DomainVocabulary(tokenizer, tokenizer.VocabSize, ["com"], maxLabelLength: 10);
        var constraint = new DomainConstraint(vocabulary, 3);
        var allowed = new bool[vocabulary.VocabSize];

        constraint.Allow(tokenizer.Encode("abc.com\nabc", addSpecialTokens: false), allowed);

        Assert.False(allowed[Single(".")]);
        Assert.True(allowed[Single("d")]);
        Assert.True(allowed[Single("-")]);
        Assert.False(allowed[Single("\n")]);
        Assert.False(allowed[tokenizer.EosTokenId!.Value]);
        Assert.DoesNotContain(Enumerable.Range(0, allowed.Length).Where(i => allowed[i]), id => vocabulary.TokenText(id) is null);
    }

    [Fact]
    public void Eos_is_allowed_only_once_count_names_are_complete_and_then_alone()
    {
        var tokenizer = models.Tokenizer;
        var vocabulary = new DomainVocabulary(tokenizer, tokenizer.VocabSize, ["co", "com"], maxLabelLength: 10);
        var constraint = new DomainConstraint(vocabulary, 2);
        var eos = tokenizer.EosTokenId!.Value;

        var afterOne = Allowed(constraint, vocabulary, "ab.co");
        Assert.False(afterOne[eos]);
        Assert.True(afterOne[Single("\n")]);
        Assert.True(afterOne[Single("m")], "co is complete, but com is still reachable");

        var afterTwo = Allowed(constraint, vocabulary, "ab.co\nab.com");
        Assert.True(afterTwo[eos]);
        Assert.True(afterTwo[Single("\n")]);

        var afterTwoAndNewLine = Allowed(constraint, vocabulary, "ab.co\nab.com\n");
        Assert.Equal([eos], Enumerable.Range(0, afterTwoAndNewLine.Length).Where(i => afterTwoAndNewLine[i]));

        var duplicate = Allowed(constraint, vocabulary, "ab.co\nab.co");
        Assert.False(duplicate[eos]);
        Assert.False(duplicate[Single("\n")]);
        Assert.True(duplicate[Single("m")]);
    }

    [Fact]
    public void Hyphens_never_lead_double_or_end_a_label()
    {
        var tokenizer = models.Tokenizer;
        var vocabulary = new DomainVocabulary(tokenizer, tokenizer.VocabSize, ["com"], maxLabelLength: 4);
        var constraint = new DomainConstraint(vocabulary, 1);

        Assert.False(Allowed(constraint, vocabulary, "")[Single("-")]);
        Assert.False(Allowed(constraint, vocabulary, "a-")[Single("-")]);
        Assert.False(Allowed(constraint, vocabulary, "a-")[Single(".")]);
        Assert.False(Allowed(constraint, vocabulary, "abc")[Single("-")], "a hyphen at the last allowed position could only end the label");
        Assert.False(Allowed(constraint, vocabulary, "abcd")[Single("e")]);
        Assert.True(Allowed(constraint, vocabulary, "abcd")[Single(".")]);
    }

    [Fact]
    public void Suffixes_outside_the_public_suffix_list_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DomainVocabulary(models.Tokenizer, models.Tokenizer.VocabSize, ["com", "notatld"], 10));
        foreach (var tld in DomainSuffixes.Default)
        {
            Assert.True(DomainValidity.Check("example." + tld).Valid, tld);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_of_several_prompts_each_follow_their_prompts_rules(long modelSeed)
    {
        // Two requests in one batch, four sampled rows each: every row writes its two names under its own request's
        // suffixes, label length and excluded words, never a taken name, and no row is ever left without a token.
        using var model = models.Build(modelSeed);
        var tokenizer = models.Tokenizer;
        var first = new NameListRules(new DomainVocabulary(tokenizer, model.Config.VocabSize, ["com", "io"], 6), 2, ["a"],
            new HashSet<string>(["b.com", "b.io"], StringComparer.Ordinal));
        var second = new NameListRules(new DomainVocabulary(tokenizer, model.Config.VocabSize, ["shop"], 12), 2);
        const int rows = 4;
        var constraint = new DomainConstraint([first, second], rows);
        var format = new DomainPromptFormat(tokenizer);
        IReadOnlyList<int>[] prompts = [format.PromptIds("A bakery in Lyon."), format.PromptIds("Bike repairs in Oslo.")];
        var sequences = new TokenGenerator(model).Generate(prompts, new GenerationConfig
        {
            Temperature = 2.0, NumReturnSequences = rows, Seed = modelSeed, MaxNewTokens = constraint.MaxTokens,
            StopTokenIds = new HashSet<int> { first.Vocabulary.EosTokenId }, LogitsProcessors = [constraint],
        });

        Assert.Equal(2 * rows, sequences.Count);
        foreach (var (sequence, row) in sequences.Select((s, row) => (s, row)))
        {
            var rules = row < rows ? first : second;
            var names = rules.Vocabulary.TextOf(sequence.Tokens).TrimEnd('\n').Split('\n');
            Assert.Equal(FinishReason.StopToken, sequence.FinishReason);
            Assert.Equal(2, names.Length);
            foreach (var name in names)
            {
                Assert.True(DomainValidity.Check(name).Valid, name);
                Assert.Contains(name[(name.IndexOf('.') + 1)..], rules.Vocabulary.Suffixes);
                Assert.InRange(name.IndexOf('.'), 1, rules.Vocabulary.MaxLabelLength);
                Assert.DoesNotContain(rules.TakenNames, taken => taken == name);
                Assert.All(rules.ExcludeWords, word => Assert.DoesNotContain(word, name.Split('.')[0], StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void A_row_never_repeats_a_name_a_sibling_finished_unless_it_has_no_other_way_out()
    {
        var tokenizer = models.Tokenizer;
        var vocabulary = new DomainVocabulary(tokenizer, tokenizer.VocabSize, ["co", "com", "io"], 10);
        var constraint = new DomainConstraint([new NameListRules(vocabulary, 3)], rowsPerPrompt: 2);
        IReadOnlyList<int> Ids(string text) => tokenizer.Encode(text, addSpecialTokens: false);
        bool[] AllowedForSecondRow(string sibling, string row)
        {
            using var logits = zeros(2, vocabulary.VocabSize);
            var processed = constraint.Process([[0], [0]], [Ids(sibling), Ids(row)], logits);
            return [.. processed[1].isneginf().logical_not().data<bool>()];
        }

        // The sibling has finished ab.co: the row, at "ab.co", may go on to ab.com but not end the line.
        var open = AllowedForSecondRow("ab.co\n", "ab.co");
        Assert.False(open[Single("\n")]);
        Assert.True(open[Single("m")]);

        // The sibling has finished ab.co and ab.com: "ab.co" could only become one of them, so the row may repeat.
        var cornered = AllowedForSecondRow("ab.co\nab.com\n", "ab.co");
        Assert.True(cornered[Single("\n")]);
        Assert.True(cornered[Single("m")]);

        // Its own earlier names stay forbidden in any case.
        var own = AllowedForSecondRow("ab.io\n", "ab.co\nab.co");
        Assert.False(own[Single("\n")]);
    }

    private bool[] Allowed(DomainConstraint constraint, DomainVocabulary vocabulary, string text)
    {
        var allowed = new bool[vocabulary.VocabSize];
        constraint.Allow(models.Tokenizer.Encode(text, addSpecialTokens: false), allowed);
        return allowed;
    }

    private int Single(string text) => Assert.Single(models.Tokenizer.Encode(text, addSpecialTokens: false));

    private List<(string[] Names, bool Finished)> Generate(
        Engine.Models.LlamaForCausalLM model, DomainVocabulary vocabulary, int count, GenerationConfig config, ILogitsProcessor? before = null)
    {
        var constraint = new DomainConstraint(vocabulary, count);
        var prompt = new DomainPromptFormat(models.Tokenizer).PromptIds("A bakery with bright green coffee beans.");
        var sequences = new TokenGenerator(model).Generate([prompt], config with
        {
            MaxNewTokens = constraint.MaxTokens,
            StopTokenIds = new HashSet<int> { vocabulary.EosTokenId },
            LogitsProcessors = before is null ? [constraint] : [before, constraint],
        });
        return [.. sequences.Select(s => (vocabulary.TextOf(s.Tokens).TrimEnd('\n').Split('\n'), s.FinishReason == FinishReason.StopToken))];
    }

    /// <summary>Makes the model love some tokens, standing in for weights that prefer invalid characters.</summary>
    private sealed class BiasProcessor(int[] ids, float bias) : ILogitsProcessor
    {
        public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
        {
            foreach (var id in ids)
            {
                logits[.., id].add_(bias);
            }
            return logits;
        }
    }
}
