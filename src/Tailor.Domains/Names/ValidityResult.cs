namespace Tailor.Domains.Names;

/// <summary>
/// Whether a suggested name is a valid registrable domain. <see cref="Domain"/> is its normalized ASCII form (lower
/// case, punycode for internationalized names) whenever one could be computed, also for invalid names (e.g. the
/// lower-case form of an upper-case suggestion); <see cref="RegistrableSuffix"/> is the public suffix it sits under.
/// </summary>
public sealed record ValidityResult(bool Valid, string? Reason, string? Domain, string? RegistrableSuffix, bool IsIdn);
