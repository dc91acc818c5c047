using Tailor.Engine.Generation;
using static TorchSharp.torch;

namespace Tailor.Domains.Model;

/// <summary>
/// Records, per row, the log-probability of each token chosen, under the constrained distribution at temperature 1
/// (it runs after the constraint and before the sampling filters). A step's distribution is kept on the CPU until the
/// next step shows which token was taken. Greedy and sampling only: beam search reorders rows.
/// </summary>
internal sealed class ChosenTokenLogProbs : ILogitsProcessor
{
    private float[] _previous = [];
    private int[] _previousLengths = [];
    private int _vocab;
    private List<double>[] _logProbs = [];

    /// <summary>Per row, the log-probability of each generated token but the last (whose successor step never came).</summary>
    public IReadOnlyList<IReadOnlyList<double>> LogProbs => _logProbs;

    public Tensor Process(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> generated, Tensor logits)
    {
        var rows = generated.Count;
        if (_logProbs.Length != rows)
        {
            _logProbs = [.. Enumerable.Range(0, rows).Select(_ => new List<double>())];
        }
        for (var row = 0; row < rows && _previousLengths.Length == rows; row++)
        {
            if (generated[row].Count == _previousLengths[row] + 1)
            {
                _logProbs[row].Add(_previous[row * _vocab + generated[row][^1]]);
            }
        }
        using (NewDisposeScope())
        {
            _vocab = (int)logits.shape[1];
            if (_previous.Length != rows * _vocab)
            {
                _previous = new float[rows * _vocab];
            }
            logits.log_softmax(-1).cpu().data<float>().CopyTo(_previous);
        }
        _previousLengths = [.. generated.Select(g => g.Count)];
        return logits;
    }
}
