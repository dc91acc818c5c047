namespace Tailor.Training.Data;

/// <summary>One turn of a conversation. <see cref="Role"/> is one of <see cref="System"/>, <see cref="User"/>, <see cref="Assistant"/>.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";

    /// <summary>The roles a data file may use, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Roles { get; } = [System, User, Assistant];
}
