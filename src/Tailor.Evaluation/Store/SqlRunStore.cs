using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Tailor.Evaluation.Store;

/// <summary>
/// The run store over any ADO.NET connection: the SQL (named <c>@parameters</c>) is shared by SQLite and PostgreSQL.
/// Opening applies the pending <see cref="RunStoreMigrations"/>, each in its own transaction.
/// </summary>
public abstract class SqlRunStore : IRunStore
{
    private const string RunColumns = "id, created_utc, kind, suite, suggester, config_json, metrics_json, directory, git_commit";

    private readonly DbConnection connection;

    /// <summary>Takes an unopened <paramref name="connection"/>, opens it and migrates the schema.</summary>
    protected SqlRunStore(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.connection = connection;
        connection.Open();
        Migrate();
    }

    /// <summary>The migration versions applied, ascending.</summary>
    public IReadOnlyList<int> AppliedMigrations()
    {
        using var command = Command("SELECT version FROM schema_migrations ORDER BY version");
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        return versions;
    }

    public void Save(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var transaction = connection.BeginTransaction();
        Execute(transaction, "DELETE FROM run_metrics WHERE run_id = @id", ("id", run.Id));
        Execute(transaction, "DELETE FROM runs WHERE id = @id", ("id", run.Id));
        Execute(
            transaction,
            $"INSERT INTO runs ({RunColumns}) VALUES (@id, @created, @kind, @suite, @suggester, @config, @metrics, @directory, @commit)",
            ("id", run.Id),
            ("created", Timestamp(run.CreatedUtc)),
            ("kind", run.Kind),
            ("suite", run.Suite),
            ("suggester", run.Suggester),
            ("config", run.ConfigJson),
            ("metrics", run.MetricsJson),
            ("directory", run.Directory),
            ("commit", run.GitCommit));
        foreach (var row in run.Metrics)
        {
            Execute(
                transaction,
                "INSERT INTO run_metrics (run_id, metric, category, mean, low, high, n) VALUES (@id, @metric, @category, @mean, @low, @high, @n)",
                ("id", run.Id),
                ("metric", row.Metric),
                ("category", row.Category),
                ("mean", row.Mean),
                ("low", row.Low),
                ("high", row.High),
                ("n", row.N));
        }
        transaction.Commit();
    }

    public IReadOnlyList<RunRecord> List(RunFilter? filter = null)
    {
        filter ??= new RunFilter();
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        void Match(string column, string? value)
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{column}");
                parameters.Add((column, value));
            }
        }
        Match("kind", filter.Kind);
        Match("suite", filter.Suite);
        Match("suggester", filter.Suggester);
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var limit = filter.Limit is { } l ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {Math.Max(0, l)}") : "";
        using var command = Command($"SELECT {RunColumns} FROM runs{where} ORDER BY created_utc DESC, id{limit}", [.. parameters]);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(ReadRun(reader));
        }
        return runs;
    }

    public RunRecord? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        RunRecord run;
        using (var command = Command($"SELECT {RunColumns} FROM runs WHERE id = @id", ("id", id)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }
            run = ReadRun(reader);
        }
        using var metrics = Command(
            "SELECT metric, category, mean, low, high, n FROM run_metrics WHERE run_id = @id ORDER BY category, metric", ("id", id));
        using var rows = metrics.ExecuteReader();
        var list = new List<RunMetricRow>();
        while (rows.Read())
        {
            list.Add(new RunMetricRow(
                rows.GetString(0),
                rows.GetString(1),
                rows.GetDouble(2),
                rows.GetDouble(3),
                rows.GetDouble(4),
                Convert.ToInt32(rows.GetValue(5), CultureInfo.InvariantCulture)));
        }
        return run with { Metrics = list };
    }

    public void Dispose()
    {
        connection.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Migrate()
    {
        using (var create = Command(RunStoreMigrations.CreateMigrationsTable))
        {
            create.ExecuteNonQuery();
        }
        var applied = AppliedMigrations().ToHashSet();
        foreach (var (version, name, statements) in RunStoreMigrations.All.Where(m => !applied.Contains(m.Version)))
        {
            using var transaction = connection.BeginTransaction();
            foreach (var statement in statements)
            {
                Execute(transaction, statement);
            }
            Execute(
                transaction,
                "INSERT INTO schema_migrations (version, name, applied_utc) VALUES (@version, @name, @applied)",
                ("version", version),
                ("name", name),
                ("applied", Timestamp(DateTimeOffset.UtcNow)));
            transaction.Commit();
        }
    }

    private static RunRecord ReadRun(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        CreatedUtc = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        Kind = reader.GetString(2),
        Suite = reader.GetString(3),
        Suggester = reader.GetString(4),
        ConfigJson = reader.GetString(5),
        MetricsJson = reader.GetString(6),
        Directory = reader.GetString(7),
        GitCommit = reader.IsDBNull(8) ? null : reader.GetString(8),
    };

    /// <summary>ISO-8601 UTC with a fixed width, so text order is time order in both databases.</summary>
    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private void Execute(DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = DbType.String;
            }
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
