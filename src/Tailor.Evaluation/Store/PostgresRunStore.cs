using Npgsql;

namespace Tailor.Evaluation.Store;

/// <summary>The run store in a PostgreSQL database (Npgsql connection string, e.g. "Host=db;Database=tailor;Username=tailor").</summary>
public sealed class PostgresRunStore(string connectionString) : SqlRunStore(Connect(connectionString))
{
    private static NpgsqlConnection Connect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new NpgsqlConnection(connectionString);
    }
}
