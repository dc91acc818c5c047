using Microsoft.Data.Sqlite;

namespace Tailor.Evaluation.Store;

/// <summary>The run store in a SQLite file (created with its folder if missing; <see cref="DefaultPath"/> by default).</summary>
public sealed class SqliteRunStore(string path) : SqlRunStore(Connect(path))
{
    public const string DefaultPath = "runs/tailor.db";

    private static SqliteConnection Connect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        // No pooling: disposing the store must release the file; foreign keys so run_metrics cascade like PostgreSQL.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = true };
        return new SqliteConnection(builder.ConnectionString);
    }
}
