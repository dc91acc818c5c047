using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Sentiment;
using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Metrics;
using Tailor.Sentiment.Serving;

namespace Tailor.Cli.Commands;

/// <summary>
/// <c>tailor classify "review"</c> prints <c>positive 0.93</c> (the label and the probability of that label);
/// <c>tailor classify --in reviews.jsonl --out predictions.jsonl</c> reads <c>{"text", "label"?, "id"?}</c> lines
/// (<c>.gz</c> ok; label 0/1 or "negative"/"positive") and writes one <c>{"id"?, "label", "probability"}</c> line per
/// review, in input order (the id is copied when the line has one; the text is not repeated). When every line has a
/// label, the accuracy is printed. Reviews pass <see cref="ReviewInput"/> (control characters cleaned; empty or
/// over-long reviews refused); every line is read and checked before the model loads, and a bad one stops the job
/// with <c>file:line</c>.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "The review to classify", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--in") { Description = "JSONL of {\"text\",\"label\"?,\"id\"?} reviews (.gz ok)" };
        var output = new Option<string?>("--out") { Description = "JSONL of {\"id\"?,\"label\",\"probability\"} predictions (with --in)" };
        var model = new Option<string>("--model") { Description = "Sentiment model folder", DefaultValueFactory = _ => SentimentModels.DefaultModelDir };
        var batchSize = new Option<int>("--batch-size") { Description = "Reviews handed to the model at once", DefaultValueFactory = _ => 32 };
        var command = new Command("classify", "Classify movie reviews as positive or negative (one review, or a JSONL file of them)")
        {
            text, input, output, model, batchSize,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var batch = parse.GetValue(batchSize);
            if (batch < 1)
            {
                throw new InvalidDataException($"--batch-size must be at least 1, got {batch}.");
            }
            if (parse.GetValue(input) is { } inPath)
            {
                var outPath = parse.GetValue(output) ?? throw new InvalidDataException("--in needs --out.");
                var rows = ReadRows(inPath);
                using var batchClassifier = SentimentModels.Load(parse.GetValue(model)!);
                var predictions = ClassifyInBatches(batchClassifier, [.. rows.Select(r => r.Text)], batch);
                Write(outPath, rows, predictions);
                Console.WriteLine($"{rows.Count} predictions ({batchClassifier.Name}) -> {outPath}");
                if (rows.Count > 0 && rows.All(r => r.Label is not null))
                {
                    PrintAccuracy(rows, predictions);
                }
                return;
            }
            if (parse.GetValue(text) is not { } review)
            {
                throw new InvalidDataException("give a review, e.g. tailor classify \"A moving film.\" (or --in FILE --out FILE).");
            }
            string accepted;
            try
            {
                accepted = ReviewInput.Accept(review);
            }
            catch (ReviewInputException e)
            {
                throw new InvalidDataException(e.Message + ".", e);
            }
            using var classifier = SentimentModels.Load(parse.GetValue(model)!);
            var answer = SentimentAnswer.From(classifier.Classify([accepted])[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answer.Label} {answer.Probability:0.00}"));
        }));
        return command;
    }

    /// <summary>One input line: its id (copied to the output), cleaned text and label, if any.</summary>
    private sealed record Row(JsonNode? Id, string Text, int? Label);

    /// <summary>
    /// The predictions of <paramref name="texts"/> in order, classified <paramref name="batchSize"/> at a time,
    /// longest first so each batch holds reviews of similar length and pads little.
    /// </summary>
    private static SentimentPrediction[] ClassifyInBatches(ISentimentClassifier classifier, string[] texts, int batchSize)
    {
        var predictions = new SentimentPrediction[texts.Length];
        var order = Enumerable.Range(0, texts.Length).OrderByDescending(i => texts[i].Length).ToArray();
        foreach (var chunk in order.Chunk(batchSize))
        {
            var answers = classifier.Classify([.. chunk.Select(i => texts[i])]);
            for (int k = 0; k < chunk.Length; k++) predictions[chunk[k]] = answers[k];
        }
        return predictions;
    }

    private static List<Row> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: input file not found.", path);
        }
        var rows = new List<Row>();
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            // A blank line carries no review; anything else must be one.
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(ParseRow(line, string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNumber}")));
            }
        }
        return rows;
    }

    private static Row ParseRow(string line, string where)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e);
        }
        if (node is not JsonObject json)
        {
            throw new InvalidDataException($"{where}: not a JSON object");
        }
        if (json["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
        {
            throw new InvalidDataException($"{where}: missing string \"text\"");
        }
        string accepted;
        try
        {
            accepted = ReviewInput.Accept(text);
        }
        catch (ReviewInputException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
        var id = json["id"] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => value.DeepClone(),
            _ => throw new InvalidDataException($"{where}: \"id\" must be a string or a number"),
        };
        return new Row(id, accepted, Label(json["label"], where));
    }

    /// <summary>An optional label: 0/1 as in the IMDB files, or the label's name.</summary>
    private static int? Label(JsonNode? label, string where)
    {
        if (label is null)
        {
            return null;
        }
        if (label is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number)
                && number is SentimentExample.Negative or SentimentExample.Positive)
            {
                return number;
            }
            if (value.TryGetValue<string>(out var name) && SentimentLabels.Names.Contains(name, StringComparer.Ordinal))
            {
                return SentimentLabels.Names.ToList().IndexOf(name);
            }
        }
        throw new InvalidDataException($"{where}: \"label\" must be 0, 1, \"negative\" or \"positive\", got {label.ToJsonString()}");
    }

    private static void Write(string outPath, List<Row> rows, SentimentPrediction[] predictions)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        using var writer = new StreamWriter(outPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (int i = 0; i < rows.Count; i++)
        {
            var answer = SentimentAnswer.From(predictions[i]);
            var json = new JsonObject();
            if (rows[i].Id is { } id)
            {
                json["id"] = id.DeepClone();
            }
            json["label"] = answer.Label;
            json["probability"] = answer.Probability;
            writer.WriteLine(json.ToJsonString());
        }
    }

    private static void PrintAccuracy(List<Row> rows, SentimentPrediction[] predictions)
    {
        var report = ClassificationReport.Compute([.. rows.Select(r => r.Label!.Value)], [.. predictions.Select(p => p.Label)]);
        var correct = rows.Where((r, i) => r.Label == predictions[i].Label).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy {report.Accuracy:0.0000} ({correct}/{rows.Count}; 95% Wilson interval {report.AccuracyInterval.Low:0.0000}-{report.AccuracyInterval.High:0.0000})"));
    }
}
