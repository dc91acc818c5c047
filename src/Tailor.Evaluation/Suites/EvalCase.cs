namespace Tailor.Evaluation.Suites;

/// <summary>
/// One case of a suite: the description a suggester sees and what is expected of it. <see cref="Category"/> is the
/// row's kind for answered cases ("normal" or an edge tag such as "edge:typos"), the safety reason for must-block cases
/// and "benign-near-miss" for must-not-block ones; metrics are broken down by it.
/// </summary>
public sealed record EvalCase(
    string Id,
    string Description,
    CaseExpectation Expectation,
    string Category,
    IReadOnlyList<string> References,
    string Lang,
    string Source);
