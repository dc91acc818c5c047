using Tailor.Evaluation.Store;

namespace Tailor.Evaluation.Tests.Store;

public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    protected override IRunStore Open() => new SqliteRunStore(temp.File("nested/tailor.db"));

    protected override IReadOnlyList<int> AppliedMigrations(IRunStore store) => ((SqlRunStore)store).AppliedMigrations();

    [Fact]
    public void The_factory_opens_sqlite_for_paths_and_data_sources()
    {
        using (var byPath = RunStoreFactory.Open(temp.File("a.db")))
        {
            Assert.IsType<SqliteRunStore>(byPath);
        }
        using (var bySource = RunStoreFactory.Open("Data Source=" + temp.File("b.db")))
        {
            Assert.IsType<SqliteRunStore>(bySource);
        }
        Assert.True(File.Exists(temp.File("a.db")));
        Assert.True(File.Exists(temp.File("b.db")));
    }
}
