using Tailor.Evaluation.Store;

namespace Tailor.Evaluation.Tests.Store;

/// <summary>The run store contract against a real PostgreSQL server (a fresh database per test).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresRunStoreTests(PostgresServer server) : RunStoreContract
{
    private string? connectionString;

    protected override IRunStore Open() => new PostgresRunStore(connectionString ??= server.CreateDatabase());

    protected override IReadOnlyList<int> AppliedMigrations(IRunStore store) => ((SqlRunStore)store).AppliedMigrations();

    [SkippableFact]
    public void The_factory_opens_postgres_for_host_connection_strings()
    {
        using var store = RunStoreFactory.Open(connectionString ??= server.CreateDatabase());
        Assert.IsType<PostgresRunStore>(store);
    }
}
