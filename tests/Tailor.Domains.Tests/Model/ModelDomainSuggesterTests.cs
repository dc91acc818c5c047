using System.Diagnostics;
using Tailor.Domains.Model;
using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;
using Xunit.Abstractions;

namespace Tailor.Domains.Tests.Model;

[Collection(TorchModelTests.Name)]
public sealed class ModelDomainSuggesterTests(TinyDomainModels models, ITestOutputHelper output) : IClassFixture<TinyDomainModels>
{
    private const string Description = "We roast single-origin coffee beans and deliver them to offices in Oslo.";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Gives_count_valid_distinct_names_with_confidences_in_range(long modelSeed)
    {
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(modelSeed), new ModelSuggesterOptions { Samples = 3, Seed = modelSeed });

        foreach (var count in new[] { 1, 5, 10 })
        {
            var result = suggester.Suggest(new SuggestionRequest(Description) { Count = count });

            Assert.Equal(SuggestionStatus.Success, result.Status);
            Assert.Equal(count, result.Suggestions.Count);
            Assert.Equal(count, result.Suggestions.Select(s => s.Domain).Distinct(StringComparer.Ordinal).Count());
            foreach (var suggestion in result.Suggestions)
            {
                var validity = DomainValidity.Check(suggestion.Domain);
                Assert.True(validity.Valid, $"{suggestion.Domain}: {validity.Reason}");
                Assert.Contains(validity.RegistrableSuffix, DomainSuffixes.Default);
                Assert.InRange(suggestion.Confidence, 0, 1);
            }
            Assert.True(result.PromptTokens > 0);
            Assert.True(result.CompletionTokens >= count);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_names()
    {
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(1));
        var first = suggester.Suggest(new SuggestionRequest(Description));
        var second = suggester.Suggest(new SuggestionRequest(Description));

        Assert.Equal(first.Suggestions, second.Suggestions);
    }

    [Fact]
    public void A_request_gets_the_same_names_alone_and_inside_a_batch_of_other_requests()
    {
        // Each request samples from its own seed: batching (as the server does) must not change any answer.
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(2), new ModelSuggesterOptions { Samples = 5, Temperature = 1.5 });
        SuggestionRequest[] requests =
        [
            new(Description),
            new("Handmade leather bags from Porto.") { Count = 4, Tlds = ["shop"], MaxLength = 8 },
            new("A yoga studio for office workers.") { Style = NameStyle.Short, Exclude = ["a"] },
        ];
        var batch = suggester.SuggestBatch(requests);
        var reversed = suggester.SuggestBatch([.. requests.Reverse()]);

        // The names are the same; confidences may differ in the last float digits, as a padded batch sums in another order.
        static void Same(SuggestionResult expected, SuggestionResult actual)
        {
            Assert.Equal(expected.Suggestions.Select(s => s.Domain), actual.Suggestions.Select(s => s.Domain));
            Assert.All(expected.Suggestions.Zip(actual.Suggestions), p => Assert.Equal(p.First.Confidence, p.Second.Confidence, 1e-4));
        }
        for (var i = 0; i < requests.Length; i++)
        {
            var alone = suggester.Suggest(requests[i]);
            Same(alone, batch[i]);
            Same(alone, reversed[requests.Length - 1 - i]);
            Assert.Equal(requests[i].Count, alone.Suggestions.Count);
        }
        Assert.All(batch[1].Suggestions, s => Assert.EndsWith(".shop", s.Domain, StringComparison.Ordinal));
        Assert.All(batch[1].Suggestions, s => Assert.InRange(s.Domain.IndexOf('.'), 1, 8));
        Assert.All(batch[2].Suggestions, s => Assert.DoesNotContain("a", s.Domain.Split('.')[0], StringComparison.Ordinal));
        Assert.All(batch[2].Suggestions, s => Assert.InRange(s.Domain.IndexOf('.'), 1, SuggestionRequest.ShortLabelLength));
    }

    [Fact]
    public void Scored_names_are_the_ranked_names_with_the_scores_the_calibration_maps()
    {
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(1));
        var request = new SuggestionRequest(Description);
        var scored = Assert.Single(suggester.ScoredNames([request]));
        var result = suggester.Suggest(request);

        Assert.Equal(result.Suggestions.Select(s => s.Domain), scored.Select(s => s.Name));
        Assert.Equal(result.Suggestions.Select(s => s.Confidence), scored.Select(s => suggester.Calibration.Map(s.Score)));
        Assert.True(scored.Zip(scored.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
    }

    [Fact]
    public void Short_style_keeps_labels_to_eight_characters_and_tlds_option_is_obeyed()
    {
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(3),
            new ModelSuggesterOptions { Style = NameStyle.Short, Tlds = ["io", "dev"], MaxLabelLength = 30 });

        var result = suggester.Suggest(new SuggestionRequest(Description));

        Assert.Equal(10, result.Suggestions.Count);
        Assert.All(result.Suggestions, s => Assert.InRange(s.Domain.Split('.')[0].Length, 1, 8));
        Assert.All(result.Suggestions, s => Assert.Contains(s.Domain.Split('.')[1], new[] { "io", "dev" }));
    }

    [Fact]
    public void Excluded_words_never_appear_and_included_words_rank_first()
    {
        using var suggester = ModelDomainSuggester.Load(models.ModelDir(2), new ModelSuggesterOptions { ExcludeWords = ["a", "E"] });
        var excluded = suggester.Suggest(new SuggestionRequest(Description));
        Assert.Equal(10, excluded.Suggestions.Count);
        Assert.All(excluded.Suggestions, s => Assert.DoesNotContain('a', s.Domain.Split('.')[0]));
        Assert.All(excluded.Suggestions, s => Assert.DoesNotContain('e', s.Domain.Split('.')[0]));

        // Include a letter some but not all names contain: with a large bonus they must lead the ranking.
        using var plain = ModelDomainSuggester.Load(models.ModelDir(2));
        var names = plain.Suggest(new SuggestionRequest(Description)).Suggestions.Select(s => s.Domain.Split('.')[0]).ToList();
        var letter = "abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString())
            .First(l => names.Count(n => n.Contains(l, StringComparison.Ordinal)) is > 0 and < 10);
        using var including = ModelDomainSuggester.Load(models.ModelDir(2), new ModelSuggesterOptions { IncludeWords = [letter], IncludeBonus = 100 });
        var ranked = including.Suggest(new SuggestionRequest(Description)).Suggestions.Select(s => s.Domain.Split('.')[0]).ToList();
        var with = ranked.Count(n => n.Contains(letter, StringComparison.Ordinal));
        Assert.True(with >= names.Count(n => n.Contains(letter, StringComparison.Ordinal)), "the bonus can only bring more such names in");
        Assert.All(ranked.Take(with), n => Assert.Contains(letter, n, StringComparison.Ordinal));
    }

    [Fact]
    public void Calibration_next_to_the_model_sets_the_confidences()
    {
        var dir = models.ModelDir(4);
        using (var uncalibrated = ModelDomainSuggester.Load(dir))
        {
            Assert.Equal("exp(score)", uncalibrated.Settings["calibration"]);
        }
        ConfidenceCalibration.Fit([(-100, false), (-0.001, true)]).Save(dir);
        try
        {
            using var calibrated = ModelDomainSuggester.Load(dir);
            var result = calibrated.Suggest(new SuggestionRequest(Description));
            Assert.Equal("isotonic", calibrated.Settings["calibration"]);
            Assert.All(result.Suggestions, s => Assert.InRange(s.Confidence, 0.5, 1));
        }
        finally
        {
            File.Delete(Path.Combine(dir, ConfidenceCalibration.FileName));
        }
    }

    [Fact]
    public void Suggester_spec_builds_a_model_suggester_with_options()
    {
        var dir = models.ModelDir(1);

        var suggester = SuggesterSpec.Parse($"model:{dir};samples=2;style=short;tlds=io,ai", _ => null);

        var model = Assert.IsType<ModelDomainSuggester>(suggester);
        Assert.Equal("model:" + Path.GetFileName(dir), model.Name);
        Assert.Equal(2, model.Options.Samples);
        Assert.Equal(NameStyle.Short, model.Options.Style);
        Assert.Equal(["io", "ai"], model.Options.Tlds);
        model.Dispose();
        Assert.Throws<DomainDataException>(() => SuggesterSpec.Parse($"model:{dir};colour=blue", _ => null));
        Assert.Throws<DomainDataException>(() => SuggesterSpec.Parse("model:/no/such/dir", _ => null));
    }

    [Fact]
    public void Prints_the_time_per_request_for_ten_names()
    {
        using var greedyOnly = ModelDomainSuggester.Load(models.ModelDir(1), new ModelSuggesterOptions { Samples = 0 });
        using var pooled = ModelDomainSuggester.Load(models.ModelDir(1));
        foreach (var (label, suggester) in new[] { ("greedy", greedyOnly), ("greedy+4 samples", pooled) })
        {
            suggester.Suggest(new SuggestionRequest(Description));
            var times = new List<double>();
            var tokens = 0;
            for (var i = 0; i < 10; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = suggester.Suggest(new SuggestionRequest(Description));
                times.Add(watch.Elapsed.TotalMilliseconds);
                tokens += result.CompletionTokens;
                Assert.Equal(10, result.Suggestions.Count);
            }
            times.Sort();
            output.WriteLine($"{label}: median {times[5]:F1} ms, max {times[^1]:F1} ms per request for 10 names; {tokens / 10} tokens generated per request (tiny random model, vocab {models.Tokenizer.VocabSize})");
        }
    }
}
