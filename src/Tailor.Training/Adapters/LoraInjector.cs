using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>
/// Adds LoRA to a model and takes it off again: PEFT's <c>get_peft_model</c>, <c>merge_and_unload</c> and <c>unload</c>
/// for one adapter. Works on any module tree whose linear layers are replaceable fields (LlamaForCausalLM's are).
/// </summary>
public static class LoraInjector
{
    /// <summary>
    /// Wraps every target linear layer in a <see cref="LoraLinear"/> and freezes every other parameter, so that only
    /// the adapters train. Returns the wrapped layers' names in model order (e.g. <c>model.layers.0.self_attn.q_proj</c>).
    /// Nothing is changed when it fails.
    /// </summary>
    /// <param name="adapterDtype">dtype of the A and B matrices (fp32 by default, also under a bf16 or NF4 base).</param>
    /// <param name="generator">Random source for the A matrices; null uses the global one.</param>
    /// <exception cref="TrainingException">A target matches nothing, or matches a module that is not a linear layer.</exception>
    public static IReadOnlyList<string> Apply(
        nn.Module model, LoraConfig config, ScalarType adapterDtype = ScalarType.Float32, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var sites = ModuleSurgery.Descendants(model).ToList();
        if (sites.Any(s => s.Module is LoraLinear))
        {
            throw new TrainingException("the model already has LoRA layers; one adapter at a time is supported (unload or merge the first)");
        }
        var targets = SelectTargets(sites, config.TargetModules);

        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        var done = new List<(ModuleSite Site, LoraLinear Lora)>();
        try
        {
            foreach (var site in targets)
            {
                var lora = new LoraLinear((nn.Module<Tensor, Tensor>)site.Module, config, adapterDtype, generator);
                ModuleSurgery.Replace(site.Parent, site.ChildName, lora);
                done.Add((site, lora));
            }
        }
        catch (InvalidOperationException e)
        {
            // A field too narrowly typed for a LoraLinear (LlamaForCausalLM.lm_head is a Linear): put everything back.
            foreach (var (site, _) in done) ModuleSurgery.Replace(site.Parent, site.ChildName, site.Module);
            foreach (var p in trainable) p.requires_grad = true;
            throw new TrainingException($"LoRA cannot wrap '{targets[done.Count].Name}': {e.Message}", e);
        }

        foreach (var p in model.parameters()) p.requires_grad = false;
        foreach (var (_, lora) in done)
        {
            lora.LoraA.weight.requires_grad = true;
            lora.LoraB.weight.requires_grad = true;
        }
        return [.. done.Select(d => d.Site.Name)];
    }

    /// <summary>The model's LoRA layers by name, in model order.</summary>
    public static IReadOnlyList<(string Name, LoraLinear Layer)> LoraLayers(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. ModuleSurgery.Descendants(model).Where(s => s.Module is LoraLinear).Select(s => (s.Name, (LoraLinear)s.Module))];
    }

    /// <summary>
    /// Folds each adapter into its base layer and puts that plain <see cref="Linear"/> back where the LoRA layer was,
    /// so a LlamaForCausalLM is a plain one again (saveable with <c>LlamaCheckpoint.Save</c>). An NF4 base becomes a
    /// full-precision Linear in its compute dtype; other NF4 layers stay quantized (see <see cref="QLoraPreparer.Dequantize"/>).
    /// Returns the merged layers' names.
    /// </summary>
    public static IReadOnlyList<string> MergeAndUnload(nn.Module model) => Remove(model, lora => lora.MergedLinear());

    /// <summary>Takes the adapters off without merging them (PEFT's <c>unload</c>), unmerging any that were merged.</summary>
    public static IReadOnlyList<string> Unload(nn.Module model) => Remove(model, lora =>
    {
        if (lora.Merged) lora.Unmerge();
        return lora.BaseLayer;
    });

    static List<string> Remove(nn.Module model, Func<LoraLinear, nn.Module> replacement)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new List<string>();
        foreach (var site in ModuleSurgery.Descendants(model).Where(s => s.Module is LoraLinear).ToList())
        {
            var lora = (LoraLinear)site.Module;
            var restored = replacement(lora);
            ModuleSurgery.Replace(site.Parent, site.ChildName, restored);
            // Free the adapter's own tensors, and the base layer when a merged copy replaced it (an NF4 base).
            if (!ReferenceEquals(restored, lora.BaseLayer)) lora.BaseLayer.Dispose();
            lora.LoraA.Dispose();
            lora.LoraB.Dispose();
            names.Add(site.Name);
        }
        return names;
    }

    /// <summary>PEFT's matching rules: list entries match a name or its dotted suffix; a regex matches whole names.</summary>
    static List<ModuleSite> SelectTargets(List<ModuleSite> sites, LoraTargets targets)
    {
        var linears = sites.Where(s => IsLinear(s.Module)).ToList();
        if (targets.IsAllLinear)
        {
            var all = linears.Where(s => targets.Matches(s.Name)).ToList();
            if (all.Count == 0) throw new TrainingException("LoRA target_modules 'all-linear': the model has no linear layers besides the output layer");
            return all;
        }

        var matched = sites.Where(s => targets.Matches(s.Name)).ToList();
        if (targets.ModuleNames is { } names)
        {
            var unmatched = names.Where(n => !sites.Any(s => LoraTargets.MatchesName(n, s.Name))).ToList();
            if (unmatched.Count > 0)
            {
                throw new TrainingException(
                    $"LoRA target_modules {targets}: {string.Join(", ", unmatched.Select(n => $"'{n}'"))} matches no module of the model; {Available(linears)}");
            }
        }
        else if (matched.Count == 0)
        {
            throw new TrainingException($"LoRA target_modules {targets} matches no module of the model; {Available(linears)}");
        }

        var notLinear = matched.FirstOrDefault(s => !IsLinear(s.Module));
        if (notLinear is not null)
        {
            throw new TrainingException(
                $"LoRA target_modules {targets} matches '{notLinear.Name}', a {notLinear.Module.GetType().Name}: LoRA wraps linear layers only; {Available(linears)}");
        }
        return matched;
    }

    static bool IsLinear(nn.Module module) => module is Linear or Nf4Linear;

    static string Available(List<ModuleSite> linears)
    {
        var names = linears.Select(s => LoraTargets.LastPart(s.Name)).Distinct().ToList();
        var example = linears.FirstOrDefault()?.Name;
        return names.Count == 0
            ? "the model has no linear layers"
            : $"its linear layers are {string.Join(", ", names)}{(example is null ? "" : $" (full names like '{example}')")}";
    }
}
