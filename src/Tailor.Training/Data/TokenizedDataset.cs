using Tailor.Engine.Tokenization;

namespace Tailor.Training.Data;

/// <summary>The tokenized examples of a data file, truncated to max_length, and what that cost.</summary>
public sealed class TokenizedDataset
{
    private TokenizedDataset(IReadOnlyList<TokenizedExample> examples, DatasetStats stats)
    {
        Examples = examples;
        Stats = stats;
    }

    public IReadOnlyList<TokenizedExample> Examples { get; }

    public DatasetStats Stats { get; }

    /// <summary>Reads, tokenizes and truncates <paramref name="path"/>, streaming it (see <see cref="SftFileReader"/>).</summary>
    /// <exception cref="TrainingException">The file is missing or malformed, or no example survives truncation.</exception>
    public static TokenizedDataset Load(string path, TextTokenizer tokenizer, SftDataOptions? options = null)
    {
        options ??= new SftDataOptions();
        return Build(SftFileReader.Read(path, options.TextSampling), new ExampleTokenizer(tokenizer, options.ChatTemplate), options.MaxLength);
    }

    /// <summary>
    /// Tokenizes <paramref name="records"/> one at a time, cutting each to <paramref name="maxLength"/> tokens
    /// (keeping the start, as TRL's default truncation does). An example whose labelled tokens were all cut
    /// off would teach nothing and is dropped; both are counted in <see cref="Stats"/>.
    /// </summary>
    /// <exception cref="TrainingException">A record cannot be tokenized, or there were records and all were dropped.</exception>
    public static TokenizedDataset Build(IEnumerable<SftRecord> records, ExampleTokenizer tokenizer, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (maxLength is <= 1)
        {
            throw new TrainingException($"max_length must be at least 2 tokens, not {maxLength}.");
        }
        var examples = new List<TokenizedExample>();
        int truncated = 0, dropped = 0, longest = 0;
        long tokens = 0, labelled = 0;
        foreach (var record in records)
        {
            var example = tokenizer.Tokenize(record);
            if (maxLength is { } max && example.Length > max)
            {
                truncated++;
                example = example.Truncate(max);
                if (example.LabelCount == 0)
                {
                    dropped++;
                    continue;
                }
            }
            examples.Add(example);
            tokens += example.Length;
            labelled += example.LabelCount;
            longest = Math.Max(longest, example.Length);
        }
        if (examples.Count == 0 && dropped > 0)
        {
            throw new TrainingException(
                $"All {dropped} examples were dropped: max_length {maxLength} cuts off every token the loss is computed on. Raise max_length.");
        }
        var mean = examples.Count == 0 ? 0 : (double)tokens / examples.Count;
        return new TokenizedDataset(examples, new DatasetStats(examples.Count, tokens, labelled, truncated, dropped, mean, longest));
    }

    /// <summary>
    /// A dataset of already tokenized examples, e.g. one side of a <see cref="DatasetSplit"/>; truncation happened
    /// when they were built, so its counts are zero here.
    /// </summary>
    public static TokenizedDataset FromExamples(IReadOnlyList<TokenizedExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        long tokens = examples.Sum(e => (long)e.Length);
        var stats = new DatasetStats(examples.Count, tokens, examples.Sum(e => (long)e.LabelCount), 0, 0,
            examples.Count == 0 ? 0 : (double)tokens / examples.Count, examples.Count == 0 ? 0 : examples.Max(e => e.Length));
        return new TokenizedDataset(examples, stats);
    }
}
