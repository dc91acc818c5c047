namespace Tailor.Domains.Data;

/// <summary>The values of <see cref="DomainExample.Source"/>.</summary>
public static class ExampleSources
{
    /// <summary>Written by the seeded offline generator (no network).</summary>
    public const string Offline = "offline";

    /// <summary>A real company's own description and real domain.</summary>
    public const string Real = "real";

    /// <summary>Written by a teacher LLM; the source is "teacher:" plus the model name.</summary>
    public const string TeacherPrefix = "teacher:";

    public static string Teacher(string model) => TeacherPrefix + model;

    public static bool IsKnown(string source) =>
        source is Offline or Real || (source.StartsWith(TeacherPrefix, StringComparison.Ordinal) && source.Length > TeacherPrefix.Length);
}
