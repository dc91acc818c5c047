namespace Tailor.Engine.Generation;

/// <summary>
/// How to decode. Mirrors the usual HF <c>generate</c> knobs. <see cref="Temperature"/> 0 means greedy;
/// <see cref="NumBeams"/> above 1 means beam search (deterministic, temperature ignored).
/// </summary>
public sealed record GenerationConfig
{
    public int MaxNewTokens { get; init; } = 64;
    public double Temperature { get; init; }
    /// <summary>Keep only the k most likely tokens before sampling (0: off).</summary>
    public int TopK { get; init; }
    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches p (1: off).</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>CTRL-style penalty on tokens already present (1: off).</summary>
    public double RepetitionPenalty { get; init; } = 1.0;
    public int NumBeams { get; init; } = 1;
    /// <summary>Beam score = log-prob sum / length^penalty; above 0 favours longer outputs.</summary>
    public double LengthPenalty { get; init; } = 1.0;
    /// <summary>How many finished beams to return per prompt (at most <see cref="NumBeams"/>).</summary>
    public int NumReturnSequences { get; init; } = 1;
    public IReadOnlySet<int> StopTokenIds { get; init; } = new HashSet<int>();
    /// <summary>Text that ends generation; the returned text is cut before it.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Seeds sampling: the same seed, prompt and model give the same tokens.</summary>
    public long Seed { get; init; }
    /// <summary>Hooks that edit the next-token logits (constrained decoding builds on this).</summary>
    public IReadOnlyList<ILogitsProcessor> LogitsProcessors { get; init; } = [];

    public bool IsSampling => NumBeams == 1 && Temperature > 0;

    public GenerationConfig Validate()
    {
        if (MaxNewTokens < 1) throw new EngineException($"max_new_tokens must be at least 1, got {MaxNewTokens}");
        if (Temperature < 0 || double.IsNaN(Temperature)) throw new EngineException($"temperature must be >= 0, got {Temperature}");
        if (TopK < 0) throw new EngineException($"top_k must be >= 0, got {TopK}");
        if (TopP is <= 0 or > 1 || double.IsNaN(TopP)) throw new EngineException($"top_p must be in (0, 1], got {TopP}");
        if (RepetitionPenalty <= 0 || double.IsNaN(RepetitionPenalty)) throw new EngineException($"repetition_penalty must be > 0, got {RepetitionPenalty}");
        if (NumBeams < 1) throw new EngineException($"num_beams must be at least 1, got {NumBeams}");
        if (NumReturnSequences < 1 || NumReturnSequences > NumBeams && NumBeams > 1 || NumReturnSequences > 1 && NumBeams == 1 && !IsSampling)
            throw new EngineException($"num_return_sequences ({NumReturnSequences}) must be between 1 and num_beams ({NumBeams}), or sampling must be on");
        if (StopStrings.Any(string.IsNullOrEmpty)) throw new EngineException("stop strings must not be empty");
        return this;
    }
}
