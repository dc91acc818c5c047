namespace Tailor.Domains.Guard;

/// <summary>
/// What <see cref="SafetyGuard.Check"/> decided: whether to refuse, the safety category (a
/// <see cref="Data.SafetyCategories"/> name) when refusing, the classifier's score (1 - P(safe)) and the message for
/// the user.
/// </summary>
public sealed record GuardVerdict(bool Blocked, string? Category, double Score, string? Message)
{
    public const string RefusalMessage = "Request contains inappropriate content";

    public static GuardVerdict Pass(double score) => new(false, null, score, null);

    public static GuardVerdict Block(string category, double score) => new(true, category, score, RefusalMessage);
}
