using System.IO.Compression;
using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Ngrams;

/// <summary>Settings of <see cref="NbLogisticRegression"/>.</summary>
/// <param name="MinDocuments">An n-gram must occur in this many training reviews to become a feature.</param>
/// <param name="MaxFeatures">Keep at most this many features, the most frequent.</param>
/// <param name="L2">L2 penalty per example (SGD weight decay on the touched weights).</param>
/// <param name="Epochs">Passes of AdaGrad over the shuffled training reviews.</param>
/// <param name="Unit">What an n-gram is made of: words (<see cref="ReviewNgrams"/>, orders 1 to at most 3) or characters (<see cref="CharNgrams"/>).</param>
/// <param name="MinOrder">The shortest n-gram (words: 1).</param>
/// <param name="MaxOrder">The longest n-gram.</param>
public sealed record NbLogisticRegressionOptions(int MinDocuments = 2, int MaxFeatures = 800_000, double L2 = 1e-5,
    int Epochs = 8, double LearningRate = 0.05, double Smoothing = 1.0, int Seed = 1,
    NgramUnit Unit = NgramUnit.Word, int MinOrder = 1, int MaxOrder = 3)
{
    /// <summary>Throws when the orders do not fit the unit.</summary>
    public void Validate()
    {
        if (Unit == NgramUnit.Word && (MinOrder != 1 || MaxOrder is < 1 or > ReviewNgrams.MaxOrder))
            throw new ArgumentException($"word n-grams run from order 1 to at most {ReviewNgrams.MaxOrder}, not {MinOrder}-{MaxOrder}");
        if (Unit == NgramUnit.Character && (MinOrder < 1 || MaxOrder < MinOrder))
            throw new ArgumentException($"character n-gram orders {MinOrder}-{MaxOrder}: need 1 <= min <= max");
    }
}

/// <summary>The unit an n-gram is made of.</summary>
public enum NgramUnit
{
    Word,
    Character,
}

/// <summary>
/// NB-weighted logistic regression over binarized word 1-3-grams or character n-grams (Wang and Manning 2012's NBSVM, in the form of
/// Mesnil et al. 2014 and fast.ai's strong IMDB baseline): each feature f is scaled by its Naive-Bayes log-count
/// ratio r_f = log((α + positive reviews with f) / ‖·‖₁) − log((α + negative reviews with f) / ‖·‖₁), then a
/// linear classifier is trained on the scaled features. The ratio does most of the work; the classifier learns
/// how much to trust each feature. Trained with seeded, single-threaded AdaGrad, so the same data and seed give
/// the same weights.
/// </summary>
public sealed class NbLogisticRegression : ISentimentClassifier
{
    readonly NgramUnit unit;
    readonly int minOrder, maxOrder;
    readonly Dictionary<string, int> words; // word n-grams only: word ids; character n-grams are hashed
    readonly Dictionary<long, float> weights; // r_f · w_f, ready to sum
    readonly float bias;

    NbLogisticRegression(NgramUnit unit, int minOrder, int maxOrder, Dictionary<string, int> words, Dictionary<long, float> weights, float bias)
    {
        this.unit = unit;
        this.minOrder = minOrder;
        this.maxOrder = maxOrder;
        this.words = words;
        this.weights = weights;
        this.bias = bias;
    }

    public string Name => unit == NgramUnit.Word ? $"nb-logreg-{minOrder}-{maxOrder}grams" : $"nb-logreg-char-{minOrder}-{maxOrder}grams";
    public int FeatureCount => weights.Count;
    public NgramUnit Unit => unit;

    public static NbLogisticRegression Train(IReadOnlyList<SentimentExample> train, NbLogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (!train.Any(e => e.Label == SentimentExample.Positive) || !train.Any(e => e.Label == SentimentExample.Negative))
            throw new ArgumentException("training needs both positive and negative examples.", nameof(train));

        options.Validate();

        // Word ids by first appearance: deterministic for a given training order.
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var docs = new List<long[]>(train.Count);
        foreach (var example in train)
        {
            if (options.Unit == NgramUnit.Character)
            {
                docs.Add([.. CharNgrams.Keys(example.Text, options.MinOrder, options.MaxOrder)]);
                continue;
            }
            var ids = ReviewNgrams.Words(example.Text).Select(w => words.TryGetValue(w, out var id) ? id : words[w] = Math.Min(words.Count + 1, ReviewNgrams.MaxWords)).ToList();
            docs.Add([.. ReviewNgrams.Keys(ids, options.MaxOrder)]);
        }

        // Document counts per class, then the features: frequent enough, the most frequent first.
        var positive = new Dictionary<long, int>();
        var negative = new Dictionary<long, int>();
        for (int d = 0; d < docs.Count; d++)
        {
            var counts = train[d].Label == SentimentExample.Positive ? positive : negative;
            foreach (var key in docs[d]) counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var features = positive.Keys.Union(negative.Keys)
            .Select(k => (Key: k, Docs: positive.GetValueOrDefault(k) + negative.GetValueOrDefault(k)))
            .Where(f => f.Docs >= options.MinDocuments)
            .OrderByDescending(f => f.Docs).ThenBy(f => f.Key)
            .Take(options.MaxFeatures)
            .Select((f, index) => (f.Key, Index: index))
            .ToDictionary(f => f.Key, f => f.Index);

        double a = options.Smoothing;
        double pSum = features.Keys.Sum(k => a + positive.GetValueOrDefault(k));
        double qSum = features.Keys.Sum(k => a + negative.GetValueOrDefault(k));
        var ratio = new double[features.Count];
        foreach (var (key, index) in features)
            ratio[index] = Math.Log((a + positive.GetValueOrDefault(key)) / pSum) - Math.Log((a + negative.GetValueOrDefault(key)) / qSum);

        var rows = docs.Select(doc => doc.Where(features.ContainsKey).Select(k => features[k]).Order().ToArray()).ToArray();
        var (w, b) = Fit(rows, [.. train.Select(e => e.Label)], ratio, options);

        var weights = new Dictionary<long, float>(features.Count);
        foreach (var (key, index) in features) weights[key] = (float)(w[index] * ratio[index]);
        return new NbLogisticRegression(options.Unit, options.MinOrder, options.MaxOrder, words, weights, (float)b);
    }

    /// <summary>AdaGrad on the log-loss of x̂ = r ∘ x (x binary), with L2 applied to the weights a review touches.</summary>
    static (double[] W, double B) Fit(int[][] rows, int[] labels, double[] ratio, NbLogisticRegressionOptions options)
    {
        var w = new double[ratio.Length];
        var g2 = new double[ratio.Length];
        double b = 0, gb2 = 0;
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(options.Seed);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var row = rows[i];
                double z = b;
                foreach (var f in row) z += w[f] * ratio[f];
                double gradient = 1 / (1 + Math.Exp(-z)) - labels[i]; // d loss / d z
                foreach (var f in row)
                {
                    double g = gradient * ratio[f] + options.L2 * w[f];
                    g2[f] += g * g;
                    w[f] -= options.LearningRate * g / (Math.Sqrt(g2[f]) + 1e-8);
                }
                gb2 += gradient * gradient;
                b -= options.LearningRate * gradient / (Math.Sqrt(gb2) + 1e-8);
            }
        }
        return (w, b);
    }

    /// <summary>The log-odds margin of each review (positive when the review reads positive).</summary>
    public float[] Margins(IReadOnlyList<string> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var margins = new float[reviews.Count];
        for (int i = 0; i < reviews.Count; i++)
        {
            float z = bias;
            foreach (var key in Keys(reviews[i])) z += weights.GetValueOrDefault(key);
            margins[i] = z;
        }
        return margins;
    }

    HashSet<long> Keys(string review) => unit == NgramUnit.Character
        ? CharNgrams.Keys(review, minOrder, maxOrder)
        : ReviewNgrams.Keys([.. ReviewNgrams.Words(review).Select(w => words.GetValueOrDefault(w))], maxOrder);

    public IReadOnlyList<SentimentPrediction> Classify(IReadOnlyList<string> reviews) => [.. Margins(reviews).Select(SentimentPrediction.FromMargin)];

    /// <summary>
    /// Writes the model as gzip-compressed binary: a format tag, the unit and orders, the bias, the words the features
    /// use (by id; none for character n-grams), then each feature's key and weight. Words no feature uses are left
    /// out; ids are kept.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var used = new HashSet<int>();
        if (unit == NgramUnit.Word)
            foreach (var key in weights.Keys)
                for (int n = 0; n < ReviewNgrams.MaxOrder; n++) if ((int)((key >> (21 * n)) & ReviewNgrams.MaxWords) is var id and > 0) used.Add(id);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(gzip);
        writer.Write(FormatTag);
        writer.Write((byte)unit);
        writer.Write(minOrder);
        writer.Write(maxOrder);
        writer.Write(bias);
        var kept = words.Where(w => used.Contains(w.Value)).OrderBy(w => w.Value).ToList();
        writer.Write(kept.Count);
        foreach (var (word, id) in kept)
        {
            writer.Write(id);
            writer.Write(word);
        }
        writer.Write(weights.Count);
        foreach (var (key, weight) in weights.OrderBy(w => w.Key))
        {
            writer.Write(key);
            writer.Write(weight);
        }
    }

    const string FormatTag = "tailor-nb-logreg-v2";
    /// <summary>The first format: word 1-3-grams only, so no unit or orders after the tag.</summary>
    const string WordTrigramFormatTag = "tailor-nb-logreg-v1";

    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a model of this format, or is truncated or corrupt (the message names the file).</exception>
    public static NbLogisticRegression Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (an n-gram model file)", path);
        try
        {
            return Read(path) ?? throw new InvalidDataException($"{path}: not a {FormatTag} file");
        }
        // A cut file ends early; a corrupt one fails in gzip (InvalidDataException without the path) or holds
        // impossible lengths. Each is reported with the file's name.
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentOutOfRangeException
            || (e is InvalidDataException && !e.Message.StartsWith(path, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{path}: truncated or corrupt n-gram model ({e.Message})", e);
        }
    }

    /// <summary>The model in the file, or null when the file does not start with the format tag.</summary>
    static NbLogisticRegression? Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        var tag = reader.ReadString();
        if (tag != FormatTag && tag != WordTrigramFormatTag) return null;
        var (unit, minOrder, maxOrder) = tag == WordTrigramFormatTag ? (NgramUnit.Word, 1, ReviewNgrams.MaxOrder)
            : ((NgramUnit)reader.ReadByte(), reader.ReadInt32(), reader.ReadInt32());
        // Unit and orders come from the file: check them as the trainer does, so a corrupt header is a clear error.
        if (!Enum.IsDefined(unit)) throw new InvalidDataException($"{path}: unknown n-gram unit {(byte)unit}");
        try
        {
            new NbLogisticRegressionOptions(Unit: unit, MinOrder: minOrder, MaxOrder: maxOrder).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }
        float bias = reader.ReadSingle();
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            int id = reader.ReadInt32();
            words[reader.ReadString()] = id;
        }
        int count = reader.ReadInt32();
        var weights = new Dictionary<long, float>(Math.Min(count, 1 << 20));
        for (int i = 0; i < count; i++) weights[reader.ReadInt64()] = reader.ReadSingle();
        return new NbLogisticRegression(unit, minOrder, maxOrder, words, weights, bias);
    }

    public void Dispose()
    {
    }
}
