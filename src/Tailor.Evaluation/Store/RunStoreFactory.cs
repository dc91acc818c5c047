using Microsoft.Data.Sqlite;

namespace Tailor.Evaluation.Store;

/// <summary>Opens the run store a connection string names.</summary>
public static class RunStoreFactory
{
    /// <summary>
    /// Null or blank: SQLite at <see cref="SqliteRunStore.DefaultPath"/>. A string with "Host=" (Npgsql style):
    /// PostgreSQL. "Data Source=..." (SQLite style): that SQLite file. Anything else: a SQLite file path.
    /// </summary>
    public static IRunStore Open(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new SqliteRunStore(SqliteRunStore.DefaultPath);
        }
        if (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresRunStore(connectionString);
        }
        if (connectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteRunStore(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        return new SqliteRunStore(connectionString);
    }
}
