using Tailor.Engine.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace Tailor.Domains.Model;

/// <summary>
/// Sampling done inside the logits, so that the engine's greedy argmax draws the sample: temperature, nucleus (top-p)
/// filter, then Gumbel noise (argmax of logits/T + Gumbel is a draw from softmax(logits/T)). Each prompt draws its noise
/// from its own generator, so a request's samples depend on its seed only, never on which other requests share the
/// batch; the first row of each prompt gets no noise and stays the greedy path.
/// </summary>
internal sealed class SeededSampling : ILogitsProcessor, IDisposable
{
    private readonly int _rowsPerPrompt;
    private readonly double _temperature;
    private readonly double _topP;
    private readonly Generator[] _generators;

    /// <param name="seeds">One seed per prompt, in the engine's prompt order.</param>
    public SeededSampling(int rowsPerPrompt, double temperature, double topP, IReadOnlyList<long> seeds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPrompt, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topP);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topP, 1);
        ArgumentNullException.ThrowIfNull(seeds);
        _rowsPerPrompt = rowsPerPrompt;
        _temperature = temperature;
        _topP = topP;
        _generators = [.. seeds.Select(seed => new Generator(unchecked((ulong)seed)))];
    }

    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var rows = (int)logits.shape[0];
        var vocab = logits.shape[1];
        if (rows != _generators.Length * _rowsPerPrompt)
        {
            throw new ArgumentException($"{rows} rows but {_generators.Length} prompts x {_rowsPerPrompt} rows were announced", nameof(logits));
        }
        using var scope = NewDisposeScope();
        var scaled = logits.div(_temperature);
        if (_topP < 1)
        {
            // Keep the smallest set of most likely tokens whose mass reaches top-p (always at least the best one).
            var (sorted, order) = scaled.sort(-1, descending: true);
            var probabilities = sorted.softmax(-1);
            var massBefore = probabilities.cumsum(-1).sub_(probabilities);
            var dropSorted = massBefore.gt(_topP);
            var drop = zeros_like(dropSorted).scatter_(-1, order, dropSorted);
            scaled = scaled.masked_fill(drop, float.NegativeInfinity);
        }
        // Noise is drawn on the CPU from each prompt's generator (same numbers on any device), one block per prompt.
        var noise = new Tensor[_generators.Length];
        for (var prompt = 0; prompt < _generators.Length; prompt++)
        {
            var uniform = rand([_rowsPerPrompt, vocab], ScalarType.Float32, generator: _generators[prompt]).clamp_(1e-10, 1 - 1e-7);
            uniform[0].fill_(float.NaN);
            noise[prompt] = uniform;
        }
        var gumbel = cat(noise, 0).log_().neg_().log_().neg_().to(logits.device);
        // The first row of each prompt was given NaN: it keeps its logits untouched (the greedy path).
        var sampled = scaled.add(gumbel).where(gumbel.isnan().logical_not(), logits);
        return sampled.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var generator in _generators)
        {
            generator.Dispose();
        }
    }
}
