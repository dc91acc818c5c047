using System.Text.Json;
using Tailor.Evaluation.Suites;

namespace Tailor.Evaluation.Statistics;

/// <summary>The snake_case names of <see cref="CaseExpectation"/> used in files and reports ("must_block").</summary>
public static class ExpectationNames
{
    public static string Of(CaseExpectation expectation) => JsonNamingPolicy.SnakeCaseLower.ConvertName(expectation.ToString());
}
