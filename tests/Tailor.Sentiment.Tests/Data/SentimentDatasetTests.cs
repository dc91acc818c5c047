using System.IO.Compression;
using System.Text;
using Tailor.Sentiment.Data;

namespace Tailor.Sentiment.Tests.Data;

public class SentimentDatasetTests
{
    private const string TwoRows = "{\"text\":\"Great film.<br /><br />Loved it\",\"label\":1}\n{\"text\":\"Awful.\",\"label\":0}\n";

    [Fact]
    public void Reads_plain_jsonl()
    {
        using var dir = new TempDirectory();
        dir.Write("a.jsonl", TwoRows);
        var rows = SentimentDataset.Read(dir.File("a.jsonl"));
        Assert.Equal([new SentimentExample("Great film.<br /><br />Loved it", 1), new SentimentExample("Awful.", 0)], rows);
    }

    [Fact]
    public void Reads_gzip_jsonl_and_honours_the_limit()
    {
        using var dir = new TempDirectory();
        using (var gzip = new GZipStream(File.Create(dir.File("a.jsonl.gz")), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(TwoRows));
        }
        Assert.Equal(2, SentimentDataset.Read(dir.File("a.jsonl.gz")).Count);
        var first = Assert.Single(SentimentDataset.Read(dir.File("a.jsonl.gz"), limit: 1));
        Assert.Equal(1, first.Label);
    }

    [Theory]
    [InlineData("{\"text\":\"ok\",\"label\":1", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"label\":1}", "missing string \"text\"")]
    [InlineData("{\"text\":5,\"label\":1}", "missing string \"text\"")]
    [InlineData("{\"text\":\"ok\"}", "\"label\" must be 0 or 1, got nothing")]
    [InlineData("{\"text\":\"ok\",\"label\":2}", "\"label\" must be 0 or 1, got 2")]
    [InlineData("{\"text\":\"ok\",\"label\":\"1\"}", "\"label\" must be 0 or 1, got \"1\"")]
    [InlineData("{\"text\":\"ok\",\"label\":0.5}", "\"label\" must be 0 or 1, got 0.5")]
    public void A_bad_line_names_file_and_line(string bad, string reason)
    {
        using var dir = new TempDirectory();
        // The bad row is line 4: two good rows, a blank line (skipped, but still counted), then the bad one.
        dir.Write("bad.jsonl", TwoRows + "\n" + bad + "\n");
        var error = Assert.Throws<InvalidDataException>(() => SentimentDataset.Read(dir.File("bad.jsonl")));
        Assert.StartsWith(dir.File("bad.jsonl") + ":4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strips_html_line_breaks()
    {
        Assert.Equal("Great.  Really. Yes", ReviewText.Clean("Great.<br /><br />Really.<BR>Yes"));
    }
}
