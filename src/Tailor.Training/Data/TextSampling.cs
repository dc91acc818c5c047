namespace Tailor.Training.Data;

/// <summary>
/// How a plain-text corpus (.txt) is cut into documents. The names and the default follow the <c>sample_by</c>
/// option of Hugging Face datasets' "text" loader, so a corpus reads the same way in both.
/// </summary>
public enum TextSampling
{
    /// <summary>Every non-blank line is a document (the default).</summary>
    Line,

    /// <summary>
    /// Runs of non-blank lines separated by blank lines are documents, their lines joined with "\n": for
    /// documents that span lines (code, poems, articles).
    /// </summary>
    Paragraph,
}
