using System.Text.Json;

namespace Tailor.Evaluation.Judges;

/// <summary>
/// Reads and checks a judge's answer: one JSON object (a ```json fence around it is tolerated) with every rubric
/// field an integer from 1 to 5, "confidence" a number in [0, 1] and "reason" a string. Anything else is unusable,
/// with the first problem found said plainly so the judge can be re-asked.
/// </summary>
internal static class JudgeAnswerReader
{
    private static readonly string[] ScoreFields = ["relevance", "memorability", "brandability", "appropriateness", "overall"];

    public static JudgeAnswer Read(string? text)
    {
        var json = Unfence(text ?? "");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return JudgeAnswer.Unusable("it was not a JSON object");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return JudgeAnswer.Unusable("it was not a JSON object");
            }
            var scores = new int[ScoreFields.Length];
            for (var i = 0; i < ScoreFields.Length; i++)
            {
                var field = ScoreFields[i];
                if (!root.TryGetProperty(field, out var value))
                {
                    return JudgeAnswer.Unusable($"\"{field}\" is missing");
                }
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number)
                    || number != Math.Floor(number) || number < JudgeScore.MinScore || number > JudgeScore.MaxScore)
                {
                    return JudgeAnswer.Unusable(
                        $"\"{field}\" must be an integer from {JudgeScore.MinScore} to {JudgeScore.MaxScore}, not {value.GetRawText()}");
                }
                scores[i] = (int)number;
            }
            if (!root.TryGetProperty("confidence", out var confidenceValue))
            {
                return JudgeAnswer.Unusable("\"confidence\" is missing");
            }
            if (confidenceValue.ValueKind != JsonValueKind.Number || !confidenceValue.TryGetDouble(out var confidence)
                || confidence is < 0 or > 1)
            {
                return JudgeAnswer.Unusable($"\"confidence\" must be a number from 0 to 1, not {confidenceValue.GetRawText()}");
            }
            if (!root.TryGetProperty("reason", out var reasonValue) || reasonValue.ValueKind != JsonValueKind.String)
            {
                return JudgeAnswer.Unusable("\"reason\" must be a string");
            }
            return JudgeAnswer.Usable(new JudgeScore(
                scores[0], scores[1], scores[2], scores[3], scores[4], confidence, reasonValue.GetString()!.Trim()));
        }
    }

    /// <summary>The text inside a ```json ... ``` fence, or the text itself.</summary>
    private static string Unfence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }
        var body = trimmed[3..^3];
        var newline = body.IndexOf('\n', StringComparison.Ordinal);
        // The fence's first line may name the language ("```json").
        return newline >= 0 && !body[..newline].Contains('{', StringComparison.Ordinal)
            ? body[(newline + 1)..].Trim()
            : body.Trim();
    }
}
