using Tailor.Training.Data;

namespace Tailor.Training.Tests.Data;

public sealed class SftFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private List<SftRecord> Read(string name, string content, TextSampling sampling = TextSampling.Line)
    {
        _dir.Write(name, content);
        return SftFileReader.Read(_dir.File(name), sampling).ToList();
    }

    [Fact]
    public void ReadsPromptCompletion()
    {
        var records = Read("train.jsonl",
            """
            {"prompt": "What is the capital of France?", "completion": " Paris.", "id": 7}

            {"prompt": "2+2=", "completion": " 4"}
            """);
        Assert.Equal(2, records.Count);
        var first = Assert.IsType<PromptCompletionRecord>(records[0]);
        Assert.Equal("What is the capital of France?", first.Prompt);
        Assert.Equal(" Paris.", first.Completion);
        Assert.Equal(SftFormat.PromptCompletion, first.Format);
        Assert.Equal($"{_dir.File("train.jsonl")}:1", first.Source);
        // The blank line is skipped but still counted, so sources are real line numbers.
        Assert.Equal($"{_dir.File("train.jsonl")}:3", records[1].Source);
    }

    [Fact]
    public void ReadsConversations()
    {
        var records = Read("chat.jsonl",
            """
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}
            {"prompt": "ignored next to messages", "messages": [{"role": "user", "content": "Bye"}, {"role": "assistant", "content": "Bye!"}]}
            """);
        var first = Assert.IsType<ConversationRecord>(records[0]);
        Assert.Equal(
            [new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi"), new ChatMessage("assistant", "Hello!")],
            first.Messages);
        Assert.Equal(SftFormat.Conversational, records[1].Format);
    }

    [Fact]
    public void ReadsTextLines()
    {
        var records = Read("lm.jsonl", "{\"text\": \"The cat sat.\"}\r\n{\"text\": \"A \\\"quoted\\\" line\\nwith a newline.\"}\r\n");
        Assert.Equal(["The cat sat.", "A \"quoted\" line\nwith a newline."], records.Cast<TextRecord>().Select(r => r.Text));
    }

    [Fact]
    public void ReadsPlainTextOneDocumentPerLine()
    {
        var records = Read("corpus.txt", "\uFEFFfirst line\n\n  \nsecond line\nthird line");
        Assert.Equal(["first line", "second line", "third line"], records.Cast<TextRecord>().Select(r => r.Text));
        Assert.EndsWith("corpus.txt:4", records[1].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsPlainTextParagraphs()
    {
        var records = Read("corpus.txt", "para one\nstill one\n\n\npara two\n", TextSampling.Paragraph);
        Assert.Equal(["para one\nstill one", "para two"], records.Cast<TextRecord>().Select(r => r.Text));
        Assert.EndsWith("corpus.txt:5", records[1].Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"prompt\": \"p\", \"completion\": 3}", "\"completion\" must be a string")]
    [InlineData("{\"prompt\": \"p\"}", "\"completion\" is missing")]
    [InlineData("{\"completion\": \"c\"}", "\"prompt\" is missing")]
    [InlineData("{\"prompt\": \"p\", \"completion\": \"  \"}", "\"completion\" is empty")]
    [InlineData("{\"prompt\": null, \"completion\": \"c\"}", "\"prompt\" must be a string")]
    [InlineData("{\"prompt\": \"p\", \"completion\": \"c\"", "not valid JSON")]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("\"just a string\"", "expected a JSON object, found a string")]
    [InlineData("{\"question\": \"q\", \"answer\": \"a\"}", "unknown format")]
    [InlineData("{\"text\": 12}", "\"text\" must be a string")]
    [InlineData("{\"messages\": \"hi\"}", "\"messages\" must be a list")]
    [InlineData("{\"messages\": []}", "\"messages\" is empty")]
    [InlineData("{\"messages\": [\"hi\"]}", "\"messages\"[0] must be an object")]
    [InlineData("{\"messages\": [{\"role\": \"user\"}]}", "\"messages\"[0].content is missing")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"\"}]}", "\"messages\"[0].content is empty")]
    [InlineData("{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}", "\"messages\"[0].role must be system, user, assistant (found \"tool\")")]
    [InlineData("{\"messages\": [{\"content\": \"x\"}]}", "\"messages\"[0].role is missing")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}", "has no assistant message")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"system\", \"content\": \"y\"}]}", "\"messages\"[1]: a system message may only come first")]
    public void MalformedLineNamesFileAndLine(string badLine, string expected)
    {
        // Two blank lines first: they are skipped but counted.
        var path = _dir.File("train.jsonl");
        File.WriteAllText(path, "\n  \n" + badLine + "\n");
        var ex = Assert.Throws<TrainingException>(() => SftFileReader.Read(path).ToList());
        Assert.StartsWith($"{path}:3: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedFormatsAreAnError()
    {
        _dir.Write("mixed.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"prompt\": \"p\", \"completion\": \"c\"}\n");
        var ex = Assert.Throws<TrainingException>(() => SftFileReader.Read(_dir.File("mixed.jsonl")).ToList());
        Assert.StartsWith($"{_dir.File("mixed.jsonl")}:3: mixed formats", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1 was language modelling", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamsRecordsBeforeReachingABadLine()
    {
        _dir.Write("train.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": 3}\n");
        using var records = SftFileReader.Read(_dir.File("train.jsonl")).GetEnumerator();
        Assert.True(records.MoveNext());
        Assert.True(records.MoveNext());
        Assert.Throws<TrainingException>(() => records.MoveNext());
    }

    [Fact]
    public void FileErrorsNameTheFile()
    {
        var missing = _dir.File("missing.jsonl");
        Assert.Contains(missing, Assert.Throws<TrainingException>(() => SftFileReader.Read(missing)).Message, StringComparison.Ordinal);

        _dir.Write("data.csv", "a,b\n");
        Assert.Contains("unknown data file type '.csv'",
            Assert.Throws<TrainingException>(() => SftFileReader.Read(_dir.File("data.csv"))).Message, StringComparison.Ordinal);

        _dir.Write("empty.jsonl", "\n   \n");
        Assert.StartsWith($"{_dir.File("empty.jsonl")}: no examples",
            Assert.Throws<TrainingException>(() => SftFileReader.Read(_dir.File("empty.jsonl")).ToList()).Message, StringComparison.Ordinal);

        _dir.Write("list.json", "[\n{\"text\": \"a\"}\n]\n");
        Assert.Contains("JSON Lines",
            Assert.Throws<TrainingException>(() => SftFileReader.Read(_dir.File("list.json")).ToList()).Message, StringComparison.Ordinal);
    }
}
