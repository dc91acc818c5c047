using System.Reflection;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tailor.Training.Adapters;

/// <summary>One submodule of a module tree, with the parent that holds it under <see cref="ChildName"/>.</summary>
public sealed record ModuleSite(string Name, nn.Module Parent, string ChildName, nn.Module Module);

/// <summary>
/// Swaps a child module for another (a Linear for a LoRA or NF4 layer), the C# equivalent of PyTorch's
/// <c>setattr(parent, name, new_module)</c>.
/// </summary>
/// <remarks>
/// In PyTorch the attribute is the registry, so one assignment suffices. A TorchSharp module keeps a child in two
/// places: the C# field that <c>forward</c> calls (e.g. <c>readonly Module&lt;Tensor, Tensor&gt; q_proj</c>), and
/// the entry that <c>RegisterComponents</c> copied from it into the protected <c>_internal_submodules</c> ordered
/// dictionary, which <c>named_parameters</c>, <c>named_modules</c>, <c>to</c>, <c>train</c> and state dicts walk.
/// Setting only the field would run the new module while saving and optimising the old one; setting only the entry,
/// the reverse. So <see cref="Replace"/> sets both. Neither is reachable from outside the module, hence reflection.
/// </remarks>
public static class ModuleSurgery
{
    // TorchSharp's own registry; its indexer replaces a value in place, keeping the child's position (and so the
    // order of named_parameters, which optimizers and state dicts follow).
    static readonly FieldInfo Registry = typeof(nn.Module).GetField("_internal_submodules", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("this TorchSharp version has no nn.Module._internal_submodules field; ModuleSurgery needs updating");

    /// <summary>
    /// Makes <paramref name="replacement"/> the child <paramref name="childName"/> of <paramref name="parent"/>, in
    /// its registry entry and in every field of the parent that referenced the old child. The old child is returned,
    /// not disposed: the replacement usually wraps it or was built from its weights.
    /// </summary>
    public static nn.Module Replace(nn.Module parent, string childName, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(replacement);
        var children = (OrderedDict<string, nn.Module>)Registry.GetValue(parent)!;
        if (!children.TryGetValue(childName, out var old))
        {
            throw new ArgumentException($"{parent.GetType().Name} has no child module '{childName}'", nameof(childName));
        }

        // Check every field first, so that a field that cannot hold the replacement leaves the parent untouched.
        var fields = FieldsOf(parent.GetType()).Where(f => ReferenceEquals(f.GetValue(parent), old)).ToList();
        foreach (var field in fields.Where(f => !f.FieldType.IsInstanceOfType(replacement)))
        {
            throw new InvalidOperationException(
                $"{parent.GetType().Name}.{field.Name} is declared as {field.FieldType.Name} and cannot hold a {replacement.GetType().Name}");
        }
        // Instance readonly fields can be set by reflection; only the constructor could otherwise.
        foreach (var field in fields) field.SetValue(parent, replacement);
        children[childName] = replacement;
        return old;
    }

    /// <summary>Every module below <paramref name="root"/>, depth first in registration order, with dotted names.</summary>
    public static IEnumerable<ModuleSite> Descendants(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Walk(root, prefix: "");

        static IEnumerable<ModuleSite> Walk(nn.Module parent, string prefix)
        {
            // Materialised, so that a caller may replace children while enumerating.
            foreach (var (childName, child) in parent.named_children().ToList())
            {
                var name = prefix + childName;
                yield return new ModuleSite(name, parent, childName, child);
                foreach (var site in Walk(child, name + ".")) yield return site;
            }
        }
    }

    static IEnumerable<FieldInfo> FieldsOf(Type type)
    {
        for (var t = type; t is not null && t != typeof(nn.Module); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }
}
