using System.Net;
using System.Text;

namespace Tailor.Evaluation.Reports;

/// <summary>A titled table of text cells, rendered as Markdown or HTML so both reports show the same numbers.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note = null)
{
    /// <summary>A "## Title" section with a pipe table (pipes and line breaks in cells escaped).</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("## ").Append(Title).Append("\n\n");
        if (Note is not null)
        {
            text.Append(Note).Append("\n\n");
        }
        text.Append(MarkdownRow(Headers));
        text.Append(MarkdownRow(Headers.Select(_ => "---").ToList()));
        foreach (var row in Rows)
        {
            text.Append(MarkdownRow(row));
        }
        return text.Append('\n').ToString();
    }

    /// <summary>An &lt;h2&gt; and a &lt;table&gt;, every cell HTML-encoded.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<h2>").Append(WebUtility.HtmlEncode(Title)).Append("</h2>\n");
        if (Note is not null)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(Note)).Append("</p>\n");
        }
        html.Append("<table>\n<tr>");
        foreach (var header in Headers)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }
        html.Append("</tr>\n");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string MarkdownRow(IReadOnlyList<string> cells) =>
        "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal))) + " |\n";
}
