namespace Tailor.Domains.Guard;

/// <summary>
/// A multinomial logistic regression over hashed n-gram features (<see cref="FeatureHasher"/>): one weight per hash
/// slot and class plus a bias per class, softmax over the classes. Small enough to ship (a few MB) and fast enough to
/// run before every request; trained deterministically from a seed in plain C#.
/// </summary>
public sealed class SafetyClassifier
{
    private readonly FeatureHasher _hasher;
    private readonly float[] _weights;
    private readonly float[] _biases;

    /// <param name="weights">Slot-major: the weight of slot s for class c is at s x classes + c.</param>
    public SafetyClassifier(FeatureHashing hashing, IReadOnlyList<string> classes, float[] weights, float[] biases)
    {
        ArgumentNullException.ThrowIfNull(hashing);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        _hasher = new FeatureHasher(hashing);
        if (classes.Count < 2 || classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
        {
            throw new ArgumentException("A classifier needs two or more distinct classes.", nameof(classes));
        }
        if (weights.Length != hashing.Buckets * classes.Count || biases.Length != classes.Count)
        {
            throw new ArgumentException(
                $"Expected {hashing.Buckets * classes.Count} weights and {classes.Count} biases, got {weights.Length} and {biases.Length}.");
        }
        Classes = classes;
        _weights = weights;
        _biases = biases;
    }

    public FeatureHashing Hashing => _hasher.Settings;

    public IReadOnlyList<string> Classes { get; }

    /// <summary>The weights, slot-major (a copy).</summary>
    public float[] Weights => (float[])_weights.Clone();

    /// <summary>The biases per class (a copy).</summary>
    public float[] Biases => (float[])_biases.Clone();

    /// <summary>The probability of each class (in <see cref="Classes"/> order) for <paramref name="text"/>.</summary>
    public double[] Probabilities(string text) => Probabilities(_hasher.Features(text));

    /// <summary>The probability of each class for already hashed features.</summary>
    public double[] Probabilities(SparseFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var probabilities = new double[Classes.Count];
        Softmax(_weights, _biases, features, probabilities);
        return probabilities;
    }

    /// <summary>
    /// Fits a classifier to <paramref name="examples"/> by stochastic gradient descent with L2 decay, one example at a
    /// time in an order shuffled with <paramref name="seed"/> each epoch;
    /// the classes are <paramref name="classes"/> or else the distinct labels in order of first appearance.
    /// Single-threaded, so the same examples, options and seed give the same weights bit for bit.
    /// </summary>
    public static SafetyClassifier Train(
        IReadOnlyList<LabeledText> examples, ClassifierTrainingOptions options, int seed, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        var classList = (classes ?? examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).ToList()).ToList();
        var unknown = examples.FirstOrDefault(e => !classList.Contains(e.Label));
        if (unknown is not null)
        {
            throw new ArgumentException($"The label \"{unknown.Label}\" is not one of the classes.", nameof(examples));
        }
        var hasher = new FeatureHasher(options.Hashing);
        var features = examples.Select(e => hasher.Features(e.Text)).ToArray();
        var labels = examples.Select(e => classList.IndexOf(e.Label)).ToArray();
        var exampleWeights = ExampleWeights(examples, labels, classList.Count, options.BalancePower);

        var k = classList.Count;
        var weights = new float[options.Hashing.Buckets * k];
        var biases = new float[k];
        // The weights are kept as scale x weights so that L2 decay, which shrinks every weight at every step, costs
        // one multiplication instead of a pass over all of them.
        var scale = 1.0;
        var probabilities = new double[k];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var rate = options.LearningRate / (1 + (options.LearningRate * options.L2 * step++));
                ScaledSoftmax(weights, (float)scale, biases, features[i], probabilities);
                var row = features[i];
                for (var c = 0; c < k; c++)
                {
                    var error = (probabilities[c] - (labels[i] == c ? 1 : 0)) * exampleWeights[i] * rate;
                    biases[c] -= (float)error;
                    var update = (float)(error / scale);
                    for (var f = 0; f < row.Count; f++)
                    {
                        weights[(row.Indices[f] * k) + c] -= update * row.Values[f];
                    }
                }
                scale *= 1 - (rate * options.L2);
                if (scale < 1e-3)
                {
                    Rescale(weights, (float)scale);
                    scale = 1;
                }
            }
        }
        Rescale(weights, (float)scale);
        return new SafetyClassifier(options.Hashing, classList, weights, biases);
    }

    private static void Rescale(float[] weights, float scale)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] *= scale;
        }
    }

    private static float[] ExampleWeights(IReadOnlyList<LabeledText> examples, int[] labels, int classCount, float balancePower)
    {
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        // Classes without examples are left out of the count (with power 1 the weights then average one per example).
        var present = counts.Count(n => n > 0);
        return examples.Select((e, i) => e.Weight * MathF.Pow(examples.Count / ((float)present * counts[labels[i]]), balancePower)).ToArray();
    }

    private static void Softmax(float[] weights, float[] biases, SparseFeatures features, double[] probabilities) =>
        ScaledSoftmax(weights, 1f, biases, features, probabilities);

    private static void ScaledSoftmax(float[] weights, float scale, float[] biases, SparseFeatures features, double[] probabilities)
    {
        var k = biases.Length;
        for (var c = 0; c < k; c++)
        {
            probabilities[c] = biases[c];
        }
        for (var f = 0; f < features.Count; f++)
        {
            var row = features.Indices[f] * k;
            var value = features.Values[f] * scale;
            for (var c = 0; c < k; c++)
            {
                probabilities[c] += weights[row + c] * value;
            }
        }
        var max = probabilities.Max();
        var sum = 0.0;
        for (var c = 0; c < k; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }
        for (var c = 0; c < k; c++)
        {
            probabilities[c] /= sum;
        }
    }
}
