using static TorchSharp.torch;

namespace Tailor.Engine.Checkpoints;

/// <summary>
/// Moves weights between a checkpoint's name→tensor map and a module's parameters and persistent buffers,
/// with the names <c>named_parameters()</c> and <c>named_buffers()</c> give (e.g. <c>model.layers.0.mlp.up_proj.weight</c>).
/// </summary>
public static class StateDictLoader
{
    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="module"/>'s parameters and persistent buffers, in place,
    /// converting each to the dtype (and device) of the tensor it replaces.
    /// Every problem is collected before anything is copied, so a failed load leaves the module untouched and
    /// its exception lists all missing keys, unexpected keys and shape mismatches at once.
    /// </summary>
    /// <param name="source">The checkpoint's file or directory, named in the error.</param>
    /// <param name="strict">When true, a missing or unexpected key is an error. Shape mismatches always are:
    /// a tensor of the wrong shape cannot be loaded.</param>
    /// <param name="optionalKeys">Model keys the checkpoint may lack, typically a weight tied to another
    /// (<c>lm_head.weight</c> to <c>model.embed_tokens.weight</c>) that the caller ties after loading.</param>
    /// <param name="ignoredKeys">Names neither loaded nor reported, on either side: buffers the model computes
    /// itself, such as rotary <c>inv_freq</c>, which some checkpoints carry and others do not.</param>
    /// <exception cref="CheckpointMismatchException">The checkpoint does not fit the module.</exception>
    public static StateDictLoadResult LoadInto(
        nn.Module module,
        IReadOnlyDictionary<string, Tensor> tensors,
        string source,
        bool strict = true,
        IReadOnlySet<string>? optionalKeys = null,
        IReadOnlySet<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tensors);
        var targets = Loadable(module, ignoredKeys);

        var missing = targets.Keys
            .Where(name => !tensors.ContainsKey(name) && optionalKeys?.Contains(name) != true)
            .Order(StringComparer.Ordinal).ToList();
        var unexpected = tensors.Keys
            .Where(name => !targets.ContainsKey(name) && ignoredKeys?.Contains(name) != true)
            .Order(StringComparer.Ordinal).ToList();
        var mismatches = new List<ShapeMismatch>();
        foreach (var (name, target) in targets.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (tensors.TryGetValue(name, out var found) && !found.shape.SequenceEqual(target.shape))
            {
                mismatches.Add(new ShapeMismatch(name, target.shape, found.shape));
            }
        }
        if (mismatches.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            throw new CheckpointMismatchException(source, missing, unexpected, mismatches);
        }

        var loaded = new List<string>();
        // Loading is not a step of training: autograd must not record the copies into leaf parameters.
        using (no_grad())
        {
            foreach (var (name, target) in targets)
            {
                if (tensors.TryGetValue(name, out var value))
                {
                    target.copy_(value);
                    loaded.Add(name);
                }
            }
        }
        return new StateDictLoadResult(loaded, missing, unexpected);
    }

    /// <summary>
    /// The module's parameters and persistent buffers by name, ready for <see cref="SafeTensorsWriter.Save"/>.
    /// The tensors are detached aliases sharing storage with the module: disposing them does not harm the module,
    /// and writing into them writes into it.
    /// </summary>
    public static Dictionary<string, Tensor> StateDict(nn.Module module, IReadOnlySet<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Loadable(module, ignoredKeys).ToDictionary(e => e.Key, e => e.Value.detach(), StringComparer.Ordinal);
    }

    /// <summary>
    /// What a checkpoint holds for a module: its parameters and its persistent buffers. Non-persistent buffers are
    /// derived state (causal masks, caches) that is never saved, so a checkpoint is not expected to have them.
    /// The tensors are the module's own; they must not be disposed.
    /// </summary>
    private static Dictionary<string, Tensor> Loadable(nn.Module module, IReadOnlySet<string>? ignoredKeys)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (ignoredKeys?.Contains(name) != true)
            {
                result.Add(name, parameter);
            }
        }
        foreach (var (name, buffer) in module.named_buffers(include_nonpersistent: false))
        {
            if (ignoredKeys?.Contains(name) != true)
            {
                result.Add(name, buffer);
            }
        }
        return result;
    }
}
