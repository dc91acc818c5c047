using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Training.Trainer;

/// <summary>
/// Everything besides tensors that a resumed run needs, written as <c>trainer_state.json</c> in each
/// checkpoint. The data position and the random streams are functions of <see cref="GlobalStep"/>
/// (see <see cref="SftTrainer"/>), so the step alone says where to continue.
/// </summary>
public sealed record TrainerState
{
    public long GlobalStep { get; init; }
    public long MaxSteps { get; init; }
    public int Epoch { get; init; }
    public long Seed { get; init; }
    public double? BestMetric { get; init; }
    public long? BestStep { get; init; }
    /// <summary>Evaluations in a row without improvement (early stopping's counter).</summary>
    public int EvaluationsWithoutImprovement { get; init; }
    public long TokensSeen { get; init; }
    /// <summary>The training loss accumulated since the last log line, so a resumed run logs the same numbers.</summary>
    public double WindowLossSum { get; init; }
    public long WindowTokens { get; init; }
    public long WindowCorrect { get; init; }
    public double TrainSeconds { get; init; }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainerState Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
                ?? throw new TrainingException($"{path}: empty trainer state");
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{path}: not a valid trainer state: {e.Message}", e);
        }
    }
}
