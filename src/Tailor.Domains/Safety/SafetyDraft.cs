using Tailor.Domains.Data;

namespace Tailor.Domains.Safety;

/// <summary>
/// A safety-set row with how it was made (family, variant, the key term its obfuscation disguised, the text before
/// obfuscation), which the row itself does not store; tests check the rendering against it.
/// </summary>
internal sealed record SafetyDraft(DomainExample Example, string Family, SafetyVariant Variant, string KeyTerm, string PlainDescription);
