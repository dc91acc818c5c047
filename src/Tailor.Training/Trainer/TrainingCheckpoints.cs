using Tailor.Engine.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Training.Trainer;

/// <summary>
/// Step checkpoints under <c>RUN/checkpoints/checkpoint-NNNNNN/</c>: the trained parameters, the optimizer
/// state and <c>trainer_state.json</c>. A checkpoint is written into a <c>.partial</c> folder and renamed
/// into place only when complete, so a run killed mid-write never leaves a corrupt latest checkpoint;
/// resuming ignores partial folders.
/// </summary>
public sealed class TrainingCheckpoints(string runDir, int keep)
{
    const string Prefix = "checkpoint-";
    const string PartialSuffix = ".partial";
    public const string ParametersFile = "trainable.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer_state.json";

    public string Root { get; } = Path.Combine(runDir, "checkpoints");

    public void Save(IReadOnlyList<(string Name, Parameter Parameter)> trainable, AdamW optimizer, TrainerState state)
    {
        var final = Path.Combine(Root, $"{Prefix}{state.GlobalStep:D6}");
        var partial = final + PartialSuffix;
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        using (var scope = NewDisposeScope())
        {
            SafeTensorsWriter.Save(trainable.ToDictionary(p => p.Name, p => (Tensor)p.Parameter.detach()), Path.Combine(partial, ParametersFile));
            SafeTensorsWriter.Save(optimizer.StateDict(), Path.Combine(partial, OptimizerFile),
                new Dictionary<string, string> { ["step"] = optimizer.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        File.WriteAllText(Path.Combine(partial, StateFile), state.ToJson());
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(partial, final);
        Prune();
    }

    /// <summary>The newest complete checkpoint folder, or null.</summary>
    public string? Latest() => Complete().LastOrDefault();

    IEnumerable<string> Complete() => Directory.Exists(Root)
        ? Directory.GetDirectories(Root, Prefix + "*")
            .Where(d => !d.EndsWith(PartialSuffix, StringComparison.Ordinal) && File.Exists(Path.Combine(d, StateFile)))
            .Order(StringComparer.Ordinal)
        : [];

    /// <summary>Restores parameters and optimizer from <paramref name="dir"/> and returns its trainer state.</summary>
    public static TrainerState Restore(string dir, IReadOnlyList<(string Name, Parameter Parameter)> trainable, AdamW optimizer)
    {
        var state = TrainerState.Read(Path.Combine(dir, StateFile));
        using var scope = NewDisposeScope();
        var parameters = SafeTensorsReader.Load(Path.Combine(dir, ParametersFile));
        using (no_grad())
        {
            foreach (var (name, p) in trainable)
            {
                if (!parameters.TryGetValue(name, out var value))
                    throw new TrainingException($"{dir}: checkpoint has no trained parameter '{name}' (same recipe?)");
                p.copy_(value);
            }
        }
        var optimizerFile = Path.Combine(dir, OptimizerFile);
        var step = long.Parse(SafeTensorsReader.ReadMetadata(optimizerFile)["step"], System.Globalization.CultureInfo.InvariantCulture);
        optimizer.LoadStateDict(SafeTensorsReader.Load(optimizerFile), step, optimizerFile);
        return state;
    }

    /// <summary>Keeps the newest <c>keep</c> checkpoints (the best weights live in <c>RUN/best/</c>).</summary>
    void Prune()
    {
        var all = Complete().ToList();
        foreach (var dir in all.Take(Math.Max(0, all.Count - keep))) Directory.Delete(dir, recursive: true);
    }
}
