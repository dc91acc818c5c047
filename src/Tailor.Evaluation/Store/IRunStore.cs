using System.Diagnostics.CodeAnalysis;

namespace Tailor.Evaluation.Store;

/// <summary>
/// Where runs are recorded so they can be listed and compared later: SQLite for one machine
/// (<see cref="SqliteRunStore"/>) or PostgreSQL for a team (<see cref="PostgresRunStore"/>), with the same schema.
/// </summary>
public interface IRunStore : IDisposable
{
    /// <summary>Stores <paramref name="run"/> with its metric rows, replacing a run with the same id.</summary>
    void Save(RunRecord run);

    /// <summary>The runs matching <paramref name="filter"/>, newest first, without their metric rows.</summary>
    IReadOnlyList<RunRecord> List(RunFilter? filter = null);

    /// <summary>The run <paramref name="id"/> with its metric rows, or null.</summary>
    [SuppressMessage("Naming", "CA1716", Justification = "Get is the store's agreed verb; no VB implementers.")]
    RunRecord? Get(string id);
}
