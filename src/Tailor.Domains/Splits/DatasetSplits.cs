using Tailor.Domains.Data;

namespace Tailor.Domains.Splits;

/// <summary>
/// A dataset divided into train, validation and test, each sorted by id; on disk, <c>train.jsonl</c>,
/// <c>validation.jsonl</c> and <c>test.jsonl</c> in one folder.
/// </summary>
public sealed record DatasetSplits(
    IReadOnlyList<DomainExample> Train,
    IReadOnlyList<DomainExample> Validation,
    IReadOnlyList<DomainExample> Test)
{
    public const string TrainName = "train";
    public const string ValidationName = "validation";
    public const string TestName = "test";

    /// <summary>The split names in their fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } = [TrainName, ValidationName, TestName];

    /// <summary>The file of split <paramref name="name"/> ("train" -> "train.jsonl").</summary>
    public static string FileName(string name) => name + ".jsonl";

    /// <summary>The rows of split <paramref name="name"/>.</summary>
    public IReadOnlyList<DomainExample> Rows(string name) => name switch
    {
        TrainName => Train,
        ValidationName => Validation,
        TestName => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Expected train, validation or test."),
    };

    /// <summary>Every row, train first, then validation, then test.</summary>
    public IEnumerable<DomainExample> All => Train.Concat(Validation).Concat(Test);

    public int Count => Train.Count + Validation.Count + Test.Count;

    /// <summary>Writes the three files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var name in Names)
        {
            var path = Path.Combine(directory, FileName(name));
            DomainDatasetFile.Write(path, Rows(name));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Reads the three files of <paramref name="directory"/>.</summary>
    /// <exception cref="DomainDataException">A file is missing or has a bad line.</exception>
    public static DatasetSplits Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        List<DomainExample> ReadSplit(string name) => [.. DomainDatasetFile.Read(Path.Combine(directory, FileName(name)))];
        return new DatasetSplits(ReadSplit(TrainName), ReadSplit(ValidationName), ReadSplit(TestName));
    }
}
