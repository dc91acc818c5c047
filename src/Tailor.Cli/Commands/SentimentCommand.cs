using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tailor.Sentiment.Baselines;
using Tailor.Sentiment.Data;
using Tailor.Sentiment.Encoder;
using Tailor.Sentiment.Metrics;
using Tailor.Sentiment.Ngrams;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor sentiment baseline</c>: train and score the ML.NET n-gram floor of issue 7 on IMDB.</summary>
internal static class SentimentCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create() => new("sentiment", "Sentiment classification (IMDB): baselines and reports")
    {
        Baseline(),
        Encoder(),
        Ngram(),
        SentimentDecoderCommands.Lm(),
        SentimentDecoderCommands.Prompt(),
        SentimentDecoderCommands.Lora(),
        SentimentCompareCommand.Create(),
    };

    private static Command Ngram()
    {
        var train = new Option<string>("--train") { Description = "Training JSONL (.gz ok)", DefaultValueFactory = _ => "../shared/data/imdb/train.jsonl.gz" };
        var test = new Option<string>("--test") { Description = "Test JSONL (.gz ok)", DefaultValueFactory = _ => "../shared/data/imdb/test.jsonl.gz" };
        var limit = new Option<int?>("--limit") { Description = "Read at most N rows of each split (default: all)" };
        var validationRows = new Option<int>("--validation-rows") { Description = "Training rows held out (seeded) and scored", DefaultValueFactory = _ => 2500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and of the training order", DefaultValueFactory = _ => 42 };
        var l2 = new Option<double>("--l2") { Description = "L2 penalty", DefaultValueFactory = _ => new NbLogisticRegressionOptions().L2 };
        var epochs = new Option<int>("--epochs") { Description = "AdaGrad passes", DefaultValueFactory = _ => new NbLogisticRegressionOptions().Epochs };
        var maxFeatures = new Option<int>("--max-features") { Description = "Keep at most this many n-grams, the most frequent", DefaultValueFactory = _ => new NbLogisticRegressionOptions().MaxFeatures };
        var minDocuments = new Option<int>("--min-documents") { Description = "An n-gram must occur in this many training reviews", DefaultValueFactory = _ => new NbLogisticRegressionOptions().MinDocuments };
        var chars = new Option<string?>("--chars") { Description = "Character n-grams of these orders instead of word 1-3-grams, e.g. 2-5" };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json, report.md and the model", DefaultValueFactory = _ => "runs/sentiment-ngram" };
        var command = new Command("ngram", "Train the NB-weighted logistic regression over word 1-3-grams (or character n-grams), score the held-out rows and the test split")
        {
            train, test, limit, validationRows, seed, l2, epochs, maxFeatures, minDocuments, chars, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var recipe = new EncoderRecipe
            {
                Seed = parse.GetValue(seed),
                Data = new EncoderDataSection { Train = parse.GetValue(train)!, Test = parse.GetValue(test)!, Limit = parse.GetValue(limit), ValidationRows = parse.GetValue(validationRows) },
            };
            var options = new NbLogisticRegressionOptions
            {
                L2 = parse.GetValue(l2), Epochs = parse.GetValue(epochs), MaxFeatures = parse.GetValue(maxFeatures),
                MinDocuments = parse.GetValue(minDocuments), Seed = recipe.Seed,
            };
            if (parse.GetValue(chars) is { } orders)
            {
                var parts = orders.Split('-');
                if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var min) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var max))
                    throw new InvalidDataException($"--chars {orders}: expected MIN-MAX, e.g. 2-5");
                options = options with { Unit = NgramUnit.Character, MinOrder = min, MaxOrder = max };
                try
                {
                    options.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"--chars {orders}: {e.Message}", e);
                }
            }
            // The options are checked before the data is read.
            var pipeline = new EncoderPipeline(recipe, Console.Out);
            var (trainRows, validation) = pipeline.Split();
            var folder = parse.GetValue(output)!;
            pipeline.TrainNgram(options, folder, trainRows, validation);
            Console.WriteLine($"written: {folder}");
        }));
        return command;
    }

    private static Command Encoder()
    {
        var recipe = new Argument<string>("recipe") { Description = "Encoder recipe (YAML or JSON), e.g. recipes/sentiment/encoder.yaml" };
        var fresh = new Option<bool>("--fresh") { Description = "Ignore trainer checkpoints of a killed run (finished stages are still skipped)" };
        var command = new Command("encoder", "Learn a WordPiece vocabulary, pretrain a DistilBERT (masked-LM), fine-tune it on the labels, score the test split")
        {
            recipe, fresh,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = Tailor.Sentiment.Encoder.EncoderRecipe.Load(parse.GetValue(recipe)!);
            new Tailor.Sentiment.Encoder.EncoderPipeline(loaded, Console.Out).Run(resume: !parse.GetValue(fresh));
            Console.WriteLine($"run directory: {loaded.RunDirectory}");
        }));
        return command;
    }

    private static Command Baseline()
    {
        var train = new Option<string>("--train") { Description = "Training JSONL (.gz ok)", DefaultValueFactory = _ => "../shared/data/imdb/train.jsonl.gz" };
        var test = new Option<string>("--test") { Description = "Test JSONL (.gz ok)", DefaultValueFactory = _ => "../shared/data/imdb/test.jsonl.gz" };
        var limit = new Option<int?>("--limit") { Description = "Read at most N rows of each split (default: all)" };
        var seed = new Option<int>("--seed") { Description = "Seed for ML.NET", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json and report.md", DefaultValueFactory = _ => "runs/sentiment-baseline" };
        var command = new Command("baseline", "Train ML.NET word 1-2-grams + char 3-5-grams + SDCA logistic regression, score the test split")
        {
            train, test, limit, seed, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var trainPath = parse.GetValue(train)!;
            var testPath = parse.GetValue(test)!;
            var rows = parse.GetValue(limit);
            var trainRows = SentimentDataset.Read(trainPath, rows);
            var testRows = SentimentDataset.Read(testPath, rows);
            var clock = Stopwatch.StartNew();
            var baseline = MlNetSentimentBaseline.Train(trainRows, parse.GetValue(seed));
            var trainSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var predictions = baseline.Predict(testRows.Select(r => r.Text).ToList());
            var predictSeconds = clock.Elapsed.TotalSeconds;
            // Margins as log-odds of the probability, so `tailor sentiment compare` reads this run like the others.
            var scores = new ReviewScores("test", [.. testRows.Select(r => r.Label)],
                [.. predictions.Select(p => MathF.Log(Math.Max(p.Probability, 1e-7f) / Math.Max(1 - p.Probability, 1e-7f)))], predictSeconds);
            var report = ClassificationReport.Compute(testRows.Select(r => r.Label).ToList(), predictions.Select(p => p.Label).ToList());
            var reviewsPerSecond = testRows.Count / Math.Max(predictSeconds, 1e-9);
            var markdown = string.Create(CultureInfo.InvariantCulture,
                $"""
                # Sentiment baseline: ML.NET word 1-2-grams + char 3-5-grams + SDCA logistic regression

                train: `{trainPath}` ({trainRows.Count:N0} rows), test: `{testPath}` ({testRows.Count:N0} rows), seed {baseline.Seed}

                {report.ToMarkdown()}

                training: {trainSeconds:F1} s; predicting: {predictSeconds:F1} s, {reviewsPerSecond:N0} reviews/s ({Environment.ProcessorCount} logical cores)

                """);
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "report.md"), markdown);
            scores.Save(Path.Combine(folder, "test.json"));
            File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(new
            {
                model = "mlnet-ngram-sdca",
                train = trainPath,
                test = testPath,
                trainRows = trainRows.Count,
                testRows = testRows.Count,
                seed = baseline.Seed,
                report.Accuracy,
                accuracyCi95 = new { method = "wilson", low = report.AccuracyInterval.Low, high = report.AccuracyInterval.High },
                report.Precision,
                report.Recall,
                report.F1,
                report.PositiveAccuracy,
                report.NegativeAccuracy,
                confusion = report.Confusion,
                trainSeconds,
                predictSeconds,
                reviewsPerSecond,
                processorCount = Environment.ProcessorCount,
            }, Indented));
            Console.WriteLine(markdown);
            Console.WriteLine($"written: {Path.Combine(folder, "metrics.json")}, {Path.Combine(folder, "report.md")}");
        }));
        return command;
    }
}
