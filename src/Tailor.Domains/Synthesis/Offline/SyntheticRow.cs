using Tailor.Domains.Data;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>A generated row with the company and draft behind it, so tests can check rows against their facts.</summary>
internal sealed record SyntheticRow(DomainExample Example, CompanyProfile Company, DraftRow Draft, NamingRequest Request);
