using System.Collections.Concurrent;
using System.Globalization;
using Tailor.Domains.Suggestions;
using Tailor.Engine.Generation;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;

namespace Tailor.Domains.Model;

/// <summary>
/// Domain names from a trained model directory (weights, tokenizer and, optionally, <see cref="ConfidenceCalibration"/>):
/// the prompt of <see cref="DomainPromptFormat"/>, decoding under <see cref="DomainConstraint"/> (so every name is
/// valid, distinct and under an allowed suffix), a greedy sequence pooled with seeded samples, names de-duplicated and
/// re-ranked by their mean log-probability per token (plus a bonus for included words), the best <c>count</c> kept,
/// each with its calibrated confidence. This suggester has no safety guard of its own: it names whatever it is given.
/// </summary>
public sealed class ModelDomainSuggester : IDomainSuggester, IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly TextTokenizer _tokenizer;
    private readonly DomainPromptFormat _format;
    private readonly ConcurrentDictionary<string, DomainVocabulary> _vocabularies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="name">Shown in reports after "model:", usually the model directory's name.</param>
    public ModelDomainSuggester(LlamaForCausalLM model, TextTokenizer tokenizer, string name, ConfidenceCalibration? calibration = null, ModelSuggesterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _model = model;
        _tokenizer = tokenizer;
        _format = new DomainPromptFormat(tokenizer);
        Name = "model:" + name;
        Calibration = calibration ?? ConfidenceCalibration.Default;
        Options = (options ?? new ModelSuggesterOptions()).Validate();
        // Built now so a tokenizer that cannot spell names fails at load time, not on the first request.
        VocabularyFor(Options);
    }

    public string Name { get; }

    public ModelSuggesterOptions Options { get; }

    public ConfidenceCalibration Calibration { get; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kind"] = "model",
        ["prompt"] = DomainPromptFormat.Version,
        ["decoding"] = Options.Samples == 0 ? "greedy" : $"greedy+{Options.Samples} samples",
        ["temperature"] = Options.Temperature.ToString(CultureInfo.InvariantCulture),
        ["top_p"] = Options.TopP.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
        ["style"] = Options.Style.ToString().ToLowerInvariant(),
        ["max_label"] = Options.EffectiveMaxLabelLength.ToString(CultureInfo.InvariantCulture),
        ["tlds"] = (Options.Tlds ?? DomainSuffixes.Default).Count.ToString(CultureInfo.InvariantCulture),
        ["calibration"] = Calibration.IsFitted ? "isotonic" : "exp(score)",
    };

    /// <summary>Loads the model, tokenizer and calibration in <paramref name="modelDir"/>.</summary>
    public static ModelDomainSuggester Load(string modelDir, ModelSuggesterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDir);
        var tokenizer = TextTokenizer.Load(modelDir);
        var model = LlamaCheckpoint.Load(modelDir);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDir)));
        return new ModelDomainSuggester(model, tokenizer, name, ConfidenceCalibration.Load(modelDir), options);
    }

    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Suggest(request));
    }

    /// <summary>Ranked names for <paramref name="request"/> under <see cref="Options"/>.</summary>
    /// <exception cref="ArgumentException">The description is empty or the count below 1.</exception>
    public SuggestionResult Suggest(SuggestionRequest request, ModelSuggesterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        options = (options ?? Options).Validate();
        var vocabulary = VocabularyFor(options);
        var prompt = _format.PromptIds(request.Description);
        var constraint = new DomainConstraint(vocabulary, request.Count, options.ExcludeWords);
        var maxNewTokens = Math.Min(constraint.MaxTokens, _model.Config.MaxPositionEmbeddings - prompt.Count);
        if (maxNewTokens < 1)
        {
            throw new InvalidOperationException($"the prompt's {prompt.Count} tokens leave no room in the model's {_model.Config.MaxPositionEmbeddings} positions");
        }
        var greedy = new GenerationConfig { MaxNewTokens = maxNewTokens, StopTokenIds = new HashSet<int> { vocabulary.EosTokenId } };
        List<ScoredSequence> sequences;
        lock (_gate)
        {
            sequences = Run(prompt, greedy, constraint);
            if (options.Samples > 0)
            {
                sequences.AddRange(Run(prompt, greedy with
                {
                    Temperature = options.Temperature,
                    TopP = options.TopP,
                    NumReturnSequences = options.Samples,
                    Seed = options.Seed,
                }, constraint));
            }
        }

        var include = options.IncludeWords.AsEnumerable();
        if (options.Style == NameStyle.Keyword)
        {
            include = include.Concat(KeywordExtractor.Extract(request.Description));
        }
        var ranked = Rank(sequences, vocabulary, [.. include.Select(w => w.ToLowerInvariant()).Where(w => w.Length > 0)], options.IncludeBonus)
            .Take(request.Count)
            .Select(c => new DomainSuggestion(c.Name, Calibration.Map(c.Score)))
            .ToList();
        return SuggestionResult.Success(ranked) with
        {
            RawText = vocabulary.TextOf(sequences[0].Tokens),
            PromptTokens = prompt.Count,
            CompletionTokens = sequences.Sum(s => s.Tokens.Count + (s.Finished ? 1 : 0)),
        };
    }

    public void Dispose() => _model.Dispose();

    private DomainVocabulary VocabularyFor(ModelSuggesterOptions options)
    {
        var tlds = options.Tlds ?? DomainSuffixes.Default;
        var maxLabel = options.EffectiveMaxLabelLength;
        return _vocabularies.GetOrAdd(maxLabel.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(',', tlds),
            _ => new DomainVocabulary(_tokenizer, (int)_model.Config.VocabSize, tlds, maxLabel));
    }

    private List<ScoredSequence> Run(IReadOnlyList<int> prompt, GenerationConfig config, DomainConstraint constraint)
    {
        var recorder = new ChosenTokenLogProbs();
        var generated = new TokenGenerator(_model).Generate([prompt], config with { LogitsProcessors = [constraint, recorder] });
        return [.. generated.Select((s, row) => new ScoredSequence(s.Tokens, recorder.LogProbs[row], s.FinishReason == FinishReason.StopToken))];
    }

    /// <summary>Every finished name of every sequence with its best mean log-probability per token, best first.</summary>
    private static IEnumerable<(string Name, double Score)> Rank(
        List<ScoredSequence> sequences, DomainVocabulary vocabulary, string[] include, double includeBonus)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sequence in sequences)
        {
            foreach (var (name, score) in Names(sequence, vocabulary))
            {
                if (!best.TryGetValue(name, out var seen) || score > seen)
                {
                    best[name] = score;
                }
            }
        }
        double RankScore(KeyValuePair<string, double> entry) =>
            entry.Value + (include.Any(w => entry.Key.Split('.')[0].Contains(w, StringComparison.Ordinal)) ? includeBonus : 0);
        return best
            .OrderByDescending(RankScore)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, e.Value));
    }

    /// <summary>The names a sequence finished (a line ended by a new line, or the last line when EOS came).</summary>
    private static IEnumerable<(string Name, double Score)> Names(ScoredSequence sequence, DomainVocabulary vocabulary)
    {
        var line = new System.Text.StringBuilder();
        var sum = 0.0;
        var tokens = 0;
        for (var i = 0; i < sequence.Tokens.Count; i++)
        {
            var text = vocabulary.TokenText(sequence.Tokens[i]);
            if (text == "\n")
            {
                if (line.Length > 0)
                {
                    yield return (line.ToString(), sum / Math.Max(1, tokens));
                }
                line.Clear();
                sum = 0;
                tokens = 0;
                continue;
            }
            line.Append(text);
            if (i < sequence.LogProbs.Count)
            {
                sum += sequence.LogProbs[i];
                tokens++;
            }
        }
        if (sequence.Finished && line.Length > 0)
        {
            yield return (line.ToString(), sum / Math.Max(1, tokens));
        }
    }

    /// <summary>One decoded sequence: its tokens, each token's log-probability, and whether it ended with EOS.</summary>
    private sealed record ScoredSequence(IReadOnlyList<int> Tokens, IReadOnlyList<double> LogProbs, bool Finished);
}
