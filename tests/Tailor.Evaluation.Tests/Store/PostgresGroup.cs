namespace Tailor.Evaluation.Tests.Store;

/// <summary>One throwaway PostgreSQL server shared by every PostgreSQL test class.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
