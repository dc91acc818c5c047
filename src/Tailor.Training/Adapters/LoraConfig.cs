namespace Tailor.Training.Adapters;

/// <summary>
/// A LoRA adapter's hyperparameters, named after HF PEFT's <c>LoraConfig</c> (<c>r</c>, <c>lora_alpha</c>,
/// <c>lora_dropout</c>, <c>target_modules</c>, <c>use_rslora</c>, <c>bias</c>, <c>modules_to_save</c>).
/// The defaults are PEFT's (with Llama's default targets, q_proj and v_proj).
/// </summary>
public sealed record LoraConfig
{
    /// <summary>Rank of the update B·A.</summary>
    public int R { get; init; } = 8;

    /// <summary>Numerator of the scale: the update is multiplied by alpha / r (or alpha / sqrt(r) with rsLoRA).</summary>
    public double Alpha { get; init; } = 8;

    /// <summary>Dropout applied to the adapter's input only (the frozen path sees the input unchanged).</summary>
    public double Dropout { get; init; }

    public LoraTargets TargetModules { get; init; } = LoraTargets.Names("q_proj", "v_proj");

    /// <summary>Rank-stabilised LoRA (Kalajdzievski 2023): scale alpha / sqrt(r), so larger ranks keep learning.</summary>
    public bool UseRsLora { get; init; }

    /// <summary>PEFT's bias mode; only "none" (biases stay frozen and are not saved) is supported.</summary>
    public string Bias { get; init; } = "none";

    /// <summary>PEFT's fully trained extra modules (e.g. lm_head); not supported, so it must stay null or empty.</summary>
    public IReadOnlyList<string>? ModulesToSave { get; init; }

    /// <summary>The factor the update B·A·x is multiplied by.</summary>
    public double Scale => UseRsLora ? Alpha / Math.Sqrt(R) : Alpha / R;

    /// <summary>Checks every field, naming the first bad one with PEFT's field name.</summary>
    public LoraConfig Validate()
    {
        if (R <= 0) throw new TrainingException($"LoRA r must be a positive integer, got {R}");
        if (!(Alpha > 0) || double.IsInfinity(Alpha)) throw new TrainingException($"LoRA lora_alpha must be a positive number, got {Alpha}");
        if (!(Dropout >= 0 && Dropout < 1)) throw new TrainingException($"LoRA lora_dropout must be in [0, 1), got {Dropout}");
        if (TargetModules is null) throw new TrainingException("LoRA target_modules is not set: name the modules (e.g. [q_proj, v_proj]), a regex, or 'all-linear'");
        if (Bias != "none")
        {
            throw new TrainingException($"LoRA bias '{Bias}' is not supported: only 'none' (biases stay frozen and are not saved)");
        }
        if (ModulesToSave is { Count: > 0 })
        {
            throw new TrainingException(
                $"LoRA modules_to_save [{string.Join(", ", ModulesToSave)}] is not supported: only LoRA layers are trained and saved");
        }
        return this;
    }
}
