using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// Judge scores kept in a SQLite file by <see cref="JudgeCacheKey"/>, so that rerunning an evaluation asks the judge
/// only about what it has not seen. Safe to share between the parallel workers of a judge, and between judges.
/// </summary>
public sealed class JudgeCache : IDisposable
{
    private readonly SqliteConnection _connection;

    // One connection, used by one caller at a time: SqliteConnection is not thread-safe.
    private readonly Lock _lock = new();

    private JudgeCache(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating it and its folder if need be) the cache file at <paramref name="path"/>.</summary>
    public static JudgeCache Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS judge_scores (
                    prompt_version TEXT NOT NULL,
                    model TEXT NOT NULL,
                    case_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    relevance INTEGER NOT NULL,
                    memorability INTEGER NOT NULL,
                    brandability INTEGER NOT NULL,
                    appropriateness INTEGER NOT NULL,
                    overall INTEGER NOT NULL,
                    confidence REAL NOT NULL,
                    reason TEXT NOT NULL,
                    created_utc TEXT NOT NULL,
                    PRIMARY KEY (prompt_version, model, case_id, content_hash)
                );
                """;
            create.ExecuteNonQuery();
        }
        return new JudgeCache(connection);
    }

    /// <summary>The number of scores kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                using var count = _connection.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM judge_scores;";
                return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The score kept for <paramref name="key"/>, or null.</summary>
    public JudgeScore? TryGet(JudgeCacheKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = """
                SELECT relevance, memorability, brandability, appropriateness, overall, confidence, reason
                FROM judge_scores
                WHERE prompt_version = $version AND model = $model AND case_id = $case AND content_hash = $hash;
                """;
            Bind(select, key);
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new JudgeScore(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                    reader.GetInt32(4), reader.GetDouble(5), reader.GetString(6))
                : null;
        }
    }

    /// <summary>Keeps <paramref name="score"/> for <paramref name="key"/>, replacing any score kept before.</summary>
    public void Put(JudgeCacheKey key, JudgeScore score)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(score);
        lock (_lock)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT OR REPLACE INTO judge_scores
                    (prompt_version, model, case_id, content_hash, relevance, memorability, brandability,
                     appropriateness, overall, confidence, reason, created_utc)
                VALUES ($version, $model, $case, $hash, $relevance, $memorability, $brandability,
                        $appropriateness, $overall, $confidence, $reason, $created);
                """;
            Bind(insert, key);
            insert.Parameters.AddWithValue("$relevance", score.Relevance);
            insert.Parameters.AddWithValue("$memorability", score.Memorability);
            insert.Parameters.AddWithValue("$brandability", score.Brandability);
            insert.Parameters.AddWithValue("$appropriateness", score.Appropriateness);
            insert.Parameters.AddWithValue("$overall", score.Overall);
            insert.Parameters.AddWithValue("$confidence", score.Confidence);
            insert.Parameters.AddWithValue("$reason", score.Reason);
            insert.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private static void Bind(SqliteCommand command, JudgeCacheKey key)
    {
        command.Parameters.AddWithValue("$version", key.PromptVersion);
        command.Parameters.AddWithValue("$model", key.Model);
        command.Parameters.AddWithValue("$case", key.CaseId);
        command.Parameters.AddWithValue("$hash", key.ContentHash);
    }
}
