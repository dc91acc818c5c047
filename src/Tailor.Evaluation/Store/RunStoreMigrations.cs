namespace Tailor.Evaluation.Store;

/// <summary>
/// The run store's schema as numbered migrations, applied in order and recorded in <c>schema_migrations</c>. The SQL
/// is the common subset of SQLite and PostgreSQL (TEXT, INTEGER, DOUBLE PRECISION; times as ISO-8601 UTC text, which
/// sorts chronologically), so both stores have the same schema. Never edit a released migration: append a new one.
/// </summary>
public static class RunStoreMigrations
{
    public const string CreateMigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL)";

    /// <summary>Version, name and statements of every migration, in order.</summary>
    public static IReadOnlyList<(int Version, string Name, string[] Statements)> All { get; } =
    [
        (1, "runs",
        [
            """
            CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                created_utc TEXT NOT NULL,
                kind TEXT NOT NULL,
                suite TEXT NOT NULL,
                suggester TEXT NOT NULL,
                config_json TEXT NOT NULL,
                metrics_json TEXT NOT NULL,
                directory TEXT NOT NULL,
                git_commit TEXT NULL)
            """,
            "CREATE INDEX runs_created_utc ON runs (created_utc)",
        ]),
        (2, "run_metrics",
        [
            """
            CREATE TABLE run_metrics (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                metric TEXT NOT NULL,
                category TEXT NOT NULL,
                mean DOUBLE PRECISION NOT NULL,
                low DOUBLE PRECISION NOT NULL,
                high DOUBLE PRECISION NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (run_id, metric, category))
            """,
        ]),
    ];
}
