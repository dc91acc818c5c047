namespace Tailor.Tests;

/// <summary>Files of the repository itself (never outside it), found from the test binaries.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the first folder above the test binaries that holds Tailor.slnx.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tailor.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Tailor.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The repository's copy of the real companies (data/companies/companies.jsonl).</summary>
    public static string RealCompanies => Path.Combine(Root(), "data", "companies", "companies.jsonl");
}
