using Tailor.Domains.Data;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>
/// Writes finished briefs to the output file in brief order, whatever order the parallel workers finish in, and
/// drops repeated companies there. Deciding duplicates in brief order is what makes a run's file depend only on the
/// answers, not on timing.
/// </summary>
internal sealed class TeacherRowWriter
{
    private readonly StreamWriter _file;
    private readonly HashSet<string> _companies;
    private readonly HashSet<string> _descriptions;
    private readonly Action<int, int> _onSettled;
    private readonly SortedDictionary<int, TeacherBriefOutcome> _waiting = [];
    private readonly Lock _lock = new();
    private int _next;

    /// <param name="onSettled">Called (under the lock, in order) with the number of briefs settled and rows written so far.</param>
    public TeacherRowWriter(StreamWriter file, HashSet<string> companies, HashSet<string> descriptions, Action<int, int> onSettled)
    {
        _file = file;
        _companies = companies;
        _descriptions = descriptions;
        _onSettled = onSettled;
    }

    public int Written { get; private set; }

    public int Failed { get; private set; }

    public int Duplicates { get; private set; }

    public int NotStarted { get; private set; }

    /// <summary>
    /// Whether the company is already written. Everything written comes from an earlier brief, so a yes here is the
    /// same answer the in-order check would give later; asking early saves the domains request.
    /// </summary>
    public bool IsKnown(string companyKey, string descriptionKey)
    {
        lock (_lock)
        {
            return _companies.Contains(companyKey) || _descriptions.Contains(descriptionKey);
        }
    }

    /// <summary>Records how brief number <paramref name="position"/> ended and writes every brief now ready in order.</summary>
    public void Complete(int position, TeacherBriefOutcome outcome)
    {
        lock (_lock)
        {
            _waiting.Add(position, outcome);
            while (_waiting.Remove(_next, out var ready))
            {
                Settle(ready);
                _next++;
                _onSettled(_next, Written);
            }
        }
    }

    private void Settle(TeacherBriefOutcome outcome)
    {
        switch (outcome.End)
        {
            case TeacherBriefOutcome.Ending.Failed:
                Failed++;
                break;
            case TeacherBriefOutcome.Ending.Duplicate:
                Duplicates++;
                break;
            case TeacherBriefOutcome.Ending.NotStarted:
                NotStarted++;
                break;
            case TeacherBriefOutcome.Ending.Candidate when
                _companies.Contains(outcome.CompanyKey!) || _descriptions.Contains(outcome.DescriptionKey!):
                Duplicates++;
                break;
            default:
                _companies.Add(outcome.CompanyKey!);
                _descriptions.Add(outcome.DescriptionKey!);
                _file.WriteLine(DomainDatasetFile.Format(outcome.Row!));
                Written++;
                break;
        }
    }
}
