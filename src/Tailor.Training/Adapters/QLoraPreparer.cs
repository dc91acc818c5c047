using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// The base-model side of QLoRA: replaces the model's linear layers with frozen <see cref="Nf4Linear"/> layers
/// (what transformers does when loading with <c>BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")</c>),
/// before LoRA adapters are added on top with <see cref="LoraInjector.Apply"/>.
/// </summary>
public static class QLoraPreparer
{
    /// <summary>
    /// Quantizes every linear layer except the output layer (<c>lm_head</c>, kept in full precision as transformers
    /// does); embeddings and norms are not linear layers and stay as they are. The fp32/bf16 weights are freed.
    /// </summary>
    /// <param name="computeDtype">dtype of the on-the-fly dequantized weights and matmuls (bnb_4bit_compute_dtype).</param>
    /// <param name="doubleQuantize">Quantize the scales as well (bnb_4bit_use_double_quant).</param>
    public static QuantizationReport Quantize(nn.Module model, ScalarType computeDtype = ScalarType.BFloat16, bool doubleQuantize = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sites = ModuleSurgery.Descendants(model).ToList();
        if (sites.Any(s => s.Module is LoraLinear))
        {
            throw new TrainingException("the model already has LoRA layers: quantize the base model first, then add LoRA (as QLoRA does)");
        }
        foreach (var site in sites.Where(s => s.Module is Linear && LoraTargets.LastPart(s.Name) != LoraTargets.OutputLayerName))
        {
            var linear = (Linear)site.Module;
            ModuleSurgery.Replace(site.Parent, site.ChildName, Nf4Linear.FromLinear(linear, computeDtype, doubleQuantize));
            linear.Dispose();
        }
        return MemoryReport(model);
    }

    /// <summary>What the model's NF4 layers take, against their weights in bf16 and fp32.</summary>
    public static QuantizationReport MemoryReport(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = ModuleSurgery.Descendants(model).Select(s => s.Module).OfType<Nf4Linear>().Select(l => l.Quantized).ToList();
        return new QuantizationReport(layers.Count, layers.Sum(w => w.ElementCount), layers.Sum(w => w.ByteCount));
    }

    /// <summary>
    /// Replaces every <see cref="Nf4Linear"/> with a plain linear layer holding its dequantized weight, e.g. to save the
    /// model with <c>LlamaCheckpoint.Save</c> after <see cref="LoraInjector.MergeAndUnload"/>. Returns the layers' names.
    /// </summary>
    public static IReadOnlyList<string> Dequantize(nn.Module model, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new List<string>();
        foreach (var site in ModuleSurgery.Descendants(model).Where(s => s.Module is Nf4Linear).ToList())
        {
            var quantized = (Nf4Linear)site.Module;
            ModuleSurgery.Replace(site.Parent, site.ChildName, quantized.ToLinear(dtype));
            quantized.Dispose();
            names.Add(site.Name);
        }
        return names;
    }
}
