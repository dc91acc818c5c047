using Tailor.Domains;

namespace Tailor.Cli.Commands;

/// <summary>Finds an evaluation run's <c>eval/</c> folder from what a user typed: the run directory, its eval folder, or its id.</summary>
internal static class RunFolders
{
    public static string FindEval(string run, string runsDirectory)
    {
        foreach (var candidate in new[] { Path.Combine(run, "eval"), run, Path.Combine(runsDirectory, run, "eval") })
        {
            if (File.Exists(Path.Combine(candidate, "run.json")))
            {
                return candidate;
            }
        }
        throw new DomainDataException($"{run}: no evaluation run there (looked for eval/run.json in it and under {runsDirectory}).");
    }
}
