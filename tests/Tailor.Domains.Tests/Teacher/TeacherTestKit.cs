using Microsoft.Extensions.AI;
using Tailor.Domains.Data;
using Tailor.Domains.Synthesis.Teacher;

namespace Tailor.Domains.Tests.Teacher;

/// <summary>Shared pieces of the teacher tests: a fast-retrying client for the fake server, options, and file checks.</summary>
internal static class TeacherTestKit
{
    public const string Model = "fake-model";

    public static TeacherRetryPolicy FastRetry { get; } = new()
    {
        MaxAttempts = 12,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        Seed = 7,
    };

    public static IChatClient Client(FakeTeacherServer server, TeacherRetryPolicy? retry = null, TimeSpan? timeout = null) =>
        TeacherClientFactory.Create(server.BaseUrl, Model, "test-key", retry ?? FastRetry, timeout ?? TimeSpan.FromSeconds(20));

    public static TeacherOptions Options(int count, int concurrency = 4) =>
        new() { Model = Model, Count = count, Seed = 42, Concurrency = concurrency };

    /// <summary>The rows of <paramref name="path"/>, each checked against the schema rules.</summary>
    public static List<DomainExample> ReadChecked(string path)
    {
        var rows = DomainDatasetFile.Read(path).ToList();
        Assert.All(rows, row => Assert.Null(DomainExampleRules.Problem(row)));
        return rows;
    }

    /// <summary>Reports synchronously, so a test can react (cancel) at an exact point.</summary>
    public sealed class SyncProgress(Action<TeacherProgress> report) : IProgress<TeacherProgress>
    {
        public void Report(TeacherProgress value) => report(value);
    }
}
