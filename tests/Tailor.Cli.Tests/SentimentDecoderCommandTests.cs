using System.Text.Json;

namespace Tailor.Cli.Tests;

/// <summary>
/// <c>tailor sentiment lm | prompt | lora</c> end to end on small review files and recipes written here: a tiny LM is
/// pretrained, prompted zero- and few-shot, and given a LoRA classifier; each writes metrics.json and report.md.
/// </summary>
[Collection("console")]
public sealed class SentimentDecoderCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "tailor-decoder-" + Guid.NewGuid().ToString("N"));

    public SentimentDecoderCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Reviews(string name, int count, int seed) => SyntheticReviews.Write(Path.Combine(root, name), count, seed);

    private string Recipe(string name, string yaml)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_three_decoder_routes_write_metrics_and_reports()
    {
        var train = Reviews("train.jsonl", 160, 1);
        var test = Reviews("test.jsonl", 24, 2);
        var runs = Path.Combine(root, "runs");
        var lm = Recipe("lm.yaml", $$"""
            name: lm
            output_dir: {{runs}}
            seed: 3
            data: { train: {{train}}, unlabelled: null }
            validation_rows: 20
            tokenizer: { vocab_size: 320 }
            model: { hidden_size: 32, intermediate_size: 64, num_hidden_layers: 1, num_attention_heads: 2, num_key_value_heads: 1, max_position_embeddings: 256 }
            max_review_tokens: 32
            max_length: 64
            training: { max_steps: 4, per_device_train_batch_size: 8, logging_steps: 2, eval_steps: 0, save_steps: 0, learning_rate: 0.003 }
            """);
        var pretrain = CliRunner.Run("sentiment", "lm", lm);
        Assert.True(pretrain.Code == 0, pretrain.Err);
        var model = Path.Combine(runs, "lm", "model");
        Assert.True(File.Exists(Path.Combine(model, "model.safetensors")));
        Assert.Contains("finalEvalLoss", File.ReadAllText(Path.Combine(runs, "lm", "metrics.json")), StringComparison.Ordinal);

        var promptOut = Path.Combine(root, "prompt");
        var prompt = CliRunner.Run("sentiment", "prompt", "--model", model, "--train", train, "--test", test,
            "--shots", "0,2", "--seeds", "2", "--limit", "10", "--out", promptOut);
        Assert.True(prompt.Code == 0, prompt.Err);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(promptOut, "metrics.json"))))
        {
            // Zero-shot runs once (its prompt has no seed), 2-shot once per seed.
            Assert.Equal(3, metrics.RootElement.GetProperty("runs").GetArrayLength());
            Assert.Equal(10, metrics.RootElement.GetProperty("testRows").GetInt32());
            Assert.Equal(2, metrics.RootElement.GetProperty("summaries").GetArrayLength());
        }
        Assert.Contains("mean ± sd", File.ReadAllText(Path.Combine(promptOut, "report.md")), StringComparison.Ordinal);

        var lora = Recipe("lora.yaml", $$"""
            name: lora
            output_dir: {{runs}}
            model: {{model}}
            data: { train: {{train}}, test: {{test}}, test_rows: 12 }
            validation_rows: 20
            max_review_tokens: 32
            training: { max_steps: 3, per_device_train_batch_size: 8, logging_steps: 1, eval_steps: 0, save_steps: 0 }
            """);
        var adapter = CliRunner.Run("sentiment", "lora", lora);
        Assert.True(adapter.Code == 0, adapter.Err);
        Assert.True(File.Exists(Path.Combine(runs, "lora", "adapter", "adapter_config.json")));
        Assert.Contains("\"accuracyCi95\"", File.ReadAllText(Path.Combine(runs, "lora", "metrics.json")), StringComparison.Ordinal);
        // A second run finds the adapter and scores with it again.
        Assert.Equal(0, CliRunner.Run("sentiment", "lora", lora).Code);

        var bad = CliRunner.Run("sentiment", "prompt", "--model", model, "--train", train, "--test", test, "--shots", "0,x", "--out", promptOut);
        Assert.Equal(1, bad.Code);
        Assert.Contains("--shots", bad.Err, StringComparison.Ordinal);
    }
}
