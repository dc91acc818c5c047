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
/// valid, distinct and under an allowed suffix), names de-duplicated and re-ranked by their mean log-probability per
/// token (plus a bonus for included words), the best <c>count</c> kept, each with its calibrated confidence. This
/// suggester has no safety guard of its own: it names whatever it is given.
/// </summary>
/// <remarks>
/// Decoding is wide and short rather than long: each request gets one greedy row and
/// <see cref="ModelSuggesterOptions.Samples"/> sampled rows (<see cref="SeededSampling"/>), all decoded together from
/// one reading of the prompt, each row writing only <see cref="ModelSuggesterOptions.NamesPerRow"/> names, and no row
/// repeating a name another row has finished. Ten names then take the steps of two or three instead of ten, which is
/// what decides latency on a CPU; the rows' first names are also the ones the model is surest of. Should the rows
/// end with fewer distinct names than asked, a greedy pass that may not repeat them writes the rest.
/// Many requests decode as one batch (<see cref="SuggestBatch"/>); each request's samples come from its own seed, so
/// its answer does not depend on the batch it was in.
/// </remarks>
public sealed class ModelDomainSuggester : IDomainSuggester, IBatchDomainSuggester, IDisposable
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
        VocabularyFor(Options.Tlds ?? DomainSuffixes.Default, Options.EffectiveMaxLabelLength);
    }

    public string Name { get; }

    public ModelSuggesterOptions Options { get; }

    public ConfidenceCalibration Calibration { get; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kind"] = "model",
        ["prompt"] = DomainPromptFormat.Version,
        ["decoding"] = Options.Samples == 0
            ? $"greedy, {Options.NamesPerRow} names"
            : $"greedy+{Options.Samples} samples, {Options.NamesPerRow} names each",
        ["temperature"] = Options.Temperature.ToString(CultureInfo.InvariantCulture),
        ["top_p"] = Options.TopP.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
        ["style"] = Options.Style.ToString().ToLowerInvariant(),
        ["max_label"] = Options.EffectiveMaxLabelLength.ToString(CultureInfo.InvariantCulture),
        ["tlds"] = (Options.Tlds ?? DomainSuffixes.Default).Count.ToString(CultureInfo.InvariantCulture),
        ["calibration"] = Calibration.IsFitted ? "isotonic" : "exp(score)",
    };

    /// <summary>Loads the model, tokenizer and calibration in <paramref name="modelDir"/>.</summary>
    /// <param name="calibration">Overrides the folder's calibration (e.g. <see cref="ConfidenceCalibration.Default"/> while fitting a new one).</param>
    public static ModelDomainSuggester Load(string modelDir, ModelSuggesterOptions? options = null, ConfidenceCalibration? calibration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDir);
        var tokenizer = TextTokenizer.Load(modelDir);
        var model = LlamaCheckpoint.Load(modelDir);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDir)));
        return new ModelDomainSuggester(model, tokenizer, name, calibration ?? ConfidenceCalibration.Load(modelDir), options);
    }

    public Task<SuggestionResult> SuggestAsync(SuggestionRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Suggest(request));
    }

    public Task<IReadOnlyList<SuggestionResult>> SuggestBatchAsync(IReadOnlyList<SuggestionRequest> requests, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SuggestBatch(requests));
    }

    /// <summary>Ranked names for <paramref name="request"/> under <see cref="Options"/> and the request's own options.</summary>
    /// <exception cref="ArgumentException">The description is empty, the count below 1, or an option is unusable.</exception>
    public SuggestionResult Suggest(SuggestionRequest request) => SuggestBatch([request])[0];

    /// <summary>One result per request, in order, all decoded as one batch.</summary>
    /// <exception cref="ArgumentException">A description is empty, a count below 1, or an option is unusable (e.g. an unregistrable suffix).</exception>
    public IReadOnlyList<SuggestionResult> SuggestBatch(IReadOnlyList<SuggestionRequest> requests)
    {
        var (plans, decoded) = DecodeAll(requests);
        return [.. plans.Select((plan, i) => Result(plan, decoded[i]))];
    }

    /// <summary>
    /// Per request, its ranked names with their raw scores (mean log-probability per token, before calibration and
    /// without the include bonus): what <see cref="ConfidenceCalibration.Fit"/> is fitted on.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Name, double Score)>> ScoredNames(IReadOnlyList<SuggestionRequest> requests)
    {
        var (plans, decoded) = DecodeAll(requests);
        return [.. plans.Select((plan, i) => (IReadOnlyList<(string, double)>)[.. Ranked(plan, decoded[i])])];
    }

    private (List<DecodingPlan> Plans, List<List<ScoredSequence>> Decoded) DecodeAll(IReadOnlyList<SuggestionRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var plans = requests.Select(PlanFor).ToList();
        if (plans.Count == 0)
        {
            return (plans, []);
        }
        var rowsPerPrompt = 1 + Options.Samples;
        List<List<ScoredSequence>> decoded;
        lock (_gate)
        {
            decoded = Decode(plans, rowsPerPrompt, sample: Options.Samples > 0);
            // Rows that ended with too few distinct names (siblings racing to the same name, or a length cut) are
            // topped up greedily with names none of them wrote.
            var tooFew = plans.Select((plan, i) => (plan, i, names: DistinctNames(decoded[i], plan.Vocabulary)))
                .Where(x => x.names.Count < x.plan.Request.Count)
                .ToList();
            if (tooFew.Count > 0)
            {
                var topUps = tooFew.Select(x => x.plan with
                {
                    Rules = x.plan.Rules with
                    {
                        Names = x.plan.Request.Count - x.names.Count,
                        TakenNames = x.names.Concat(x.plan.Rules.TakenNames).ToHashSet(StringComparer.Ordinal),
                    },
                }).ToList();
                var extra = Decode(topUps, rowsPerPrompt: 1, sample: false);
                for (var k = 0; k < tooFew.Count; k++)
                {
                    decoded[tooFew[k].i].AddRange(extra[k]);
                }
            }
        }
        return (plans, decoded);
    }

    public void Dispose() => _model.Dispose();

    /// <summary>The request's options laid over the suggester's: what one request's decoding and ranking use.</summary>
    private DecodingPlan PlanFor(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        var style = request.Style ?? Options.Style;
        var maxLabel = request.MaxLength ?? Options.MaxLabelLength;
        if (style == NameStyle.Short)
        {
            maxLabel = Math.Min(maxLabel, SuggestionRequest.ShortLabelLength);
        }
        if (maxLabel is < 1 or > Tailor.Domains.Names.DomainSyntax.MaxLabelLength)
        {
            throw new ArgumentException($"max length {maxLabel} is outside 1..{Tailor.Domains.Names.DomainSyntax.MaxLabelLength}", nameof(request));
        }
        var tlds = request.Tlds.Count > 0 ? request.Tlds : Options.Tlds ?? DomainSuffixes.Default;
        var vocabulary = VocabularyFor(tlds, maxLabel);
        var exclude = Options.ExcludeWords.Concat(request.Exclude).Select(NameListRules.CleanWord).Where(w => w.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();
        var include = Options.IncludeWords.Concat(request.Include);
        if (style == NameStyle.Keyword)
        {
            include = include.Concat(KeywordExtractor.Extract(request.Description));
        }
        var namesPerRow = Math.Min(request.Count, Math.Max(Options.NamesPerRow, (int)Math.Ceiling(request.Count / (double)(1 + Options.Samples))));
        var rules = new NameListRules(vocabulary, namesPerRow, exclude, new HashSet<string>(StringComparer.Ordinal));
        return new DecodingPlan(request, _format.PromptIds(request.Description), rules,
            [.. include.Select(NameListRules.CleanWord).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    private DomainVocabulary VocabularyFor(IReadOnlyList<string> tlds, int maxLabel) =>
        _vocabularies.GetOrAdd(maxLabel.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(',', tlds),
            _ => new DomainVocabulary(_tokenizer, (int)_model.Config.VocabSize, tlds, maxLabel));

    /// <summary>Decodes <paramref name="rowsPerPrompt"/> rows per plan in one batch; per plan, its rows' sequences.</summary>
    private List<List<ScoredSequence>> Decode(List<DecodingPlan> plans, int rowsPerPrompt, bool sample)
    {
        var constraint = new DomainConstraint([.. plans.Select(p => p.Rules)], rowsPerPrompt);
        var longestPrompt = plans.Max(p => p.Prompt.Count);
        var maxNewTokens = Math.Min(constraint.MaxTokens, _model.Config.MaxPositionEmbeddings - longestPrompt);
        if (maxNewTokens < 1)
        {
            throw new InvalidOperationException($"a prompt's {longestPrompt} tokens leave no room in the model's {_model.Config.MaxPositionEmbeddings} positions");
        }
        var recorder = new ChosenTokenLogProbs();
        using var sampling = sample ? new SeededSampling(rowsPerPrompt, Options.Temperature, Options.TopP, [.. plans.Select(_ => Options.Seed)]) : null;
        List<ILogitsProcessor> processors = sampling is null ? [constraint, recorder] : [constraint, recorder, sampling];
        var config = new GenerationConfig
        {
            MaxNewTokens = maxNewTokens,
            StopTokenIds = new HashSet<int> { plans[0].Vocabulary.EosTokenId },
            LogitsProcessors = processors,
        };
        var rowPrompts = plans.SelectMany(p => Enumerable.Repeat(p.Prompt, rowsPerPrompt)).ToList();
        var generated = new TokenGenerator(_model).Generate(rowPrompts, config);
        return [.. plans.Select((_, i) => Enumerable.Range(i * rowsPerPrompt, rowsPerPrompt)
            .Select(row => new ScoredSequence(generated[row].Tokens, recorder.LogProbs[row], generated[row].FinishReason == FinishReason.StopToken))
            .ToList())];
    }

    private IEnumerable<(string Name, double Score)> Ranked(DecodingPlan plan, List<ScoredSequence> sequences) =>
        Rank(sequences, plan.Vocabulary, plan.Include, Options.IncludeBonus).Take(plan.Request.Count);

    private SuggestionResult Result(DecodingPlan plan, List<ScoredSequence> sequences)
    {
        var ranked = Ranked(plan, sequences)
            .Select(c => new DomainSuggestion(c.Name, Calibration.Map(c.Score)))
            .ToList();
        // The raw text is what the model wrote, in decoding order (row by row), before ranking: its first count
        // distinct names, one per line.
        var written = sequences.SelectMany(s => Names(s, plan.Vocabulary)).Select(n => n.Name).Distinct(StringComparer.Ordinal).Take(plan.Request.Count);
        return SuggestionResult.Success(ranked) with
        {
            RawText = string.Join(DomainPromptFormat.NameSeparator, written),
            PromptTokens = plan.Prompt.Count,
            CompletionTokens = sequences.Sum(s => s.Tokens.Count + (s.Finished ? 1 : 0)),
        };
    }

    private static HashSet<string> DistinctNames(List<ScoredSequence> sequences, DomainVocabulary vocabulary) =>
        sequences.SelectMany(s => Names(s, vocabulary)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

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

    /// <summary>One request as decoding sees it: its prompt, vocabulary, per-row rules and the words that earn a bonus.</summary>
    private sealed record DecodingPlan(SuggestionRequest Request, IReadOnlyList<int> Prompt, NameListRules Rules, string[] Include)
    {
        public DomainVocabulary Vocabulary => Rules.Vocabulary;
    }
}
