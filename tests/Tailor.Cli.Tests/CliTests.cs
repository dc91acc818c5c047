using Tailor.Cli;

namespace Tailor.Cli.Tests;

/// <summary>
/// Runs the real command tree in-process. Console output is redirected, so these tests share one
/// collection and never run in parallel with each other.
/// </summary>
[Collection("console")]
public sealed class CliTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    static (int Code, string Out, string Err) Tailor(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void InitInfoGenerateWorkEndToEnd()
    {
        var model = Path.Combine(root, "demo");
        var init = Tailor("model", "init", "--out", model, "--preset", "tiny", "--seed", "3");
        Assert.True(init.Code == 0, init.Err);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json" })
            Assert.True(File.Exists(Path.Combine(model, file)), file);

        var info = Tailor("info", "--model", model);
        Assert.True(info.Code == 0, info.Err);
        Assert.Contains("LlamaForCausalLM", info.Out);
        Assert.Contains("float32", info.Out);
        Assert.Contains("<|end_of_text|>", info.Out);

        var greedy = Tailor("generate", "--model", model, "--prompt", "A bakery in Lyon", "--max-new-tokens", "8");
        Assert.True(greedy.Code == 0, greedy.Err);
        Assert.StartsWith("A bakery in Lyon", greedy.Out);
        Assert.Equal(greedy.Out, Tailor("generate", "--model", model, "--prompt", "A bakery in Lyon", "--max-new-tokens", "8").Out);

        var sampledA = Tailor("generate", "--model", model, "--prompt", "A bakery", "--temperature", "1.2", "--seed", "5", "--max-new-tokens", "12");
        var sampledB = Tailor("generate", "--model", model, "--prompt", "A bakery", "--temperature", "1.2", "--seed", "5", "--max-new-tokens", "12");
        Assert.Equal(0, sampledA.Code);
        Assert.Equal(sampledA.Out, sampledB.Out);

        var beams = Tailor("generate", "--model", model, "--prompt", "A bakery", "--num-beams", "3", "--num-return-sequences", "3", "--max-new-tokens", "6");
        Assert.True(beams.Code == 0, beams.Err);
        Assert.Equal(3, beams.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void TrainFromARecipeThenGenerateFromTheTrainedModel()
    {
        var baseModel = Path.Combine(root, "base");
        var init = Tailor("model", "init", "--out", baseModel);
        Assert.True(init.Code == 0, init.Err);
        var data = Path.Combine(root, "train.jsonl");
        File.WriteAllLines(data, Enumerable.Range(0, 16).Select(i => $$"""{"prompt": "A bakery number {{i}}", "completion": " bakery{{i}}.com"}"""));
        var recipe = Path.Combine(root, "recipe.yaml");
        File.WriteAllText(recipe, $$"""
            name: cli
            output_dir: {{Path.Combine(root, "runs")}}
            model: { path: {{baseModel}} }
            method: lora
            lora: { r: 4, alpha: 8, target_modules: [all-linear], save_merged: true }
            data: { train: {{data}}, validation_fraction: 0.25, max_length: 32 }
            training: { max_steps: 6, per_device_train_batch_size: 4, learning_rate: 0.05, eval_steps: 3, save_steps: 3, logging_steps: 3 }
            """);
        var train = Tailor("train", "--recipe", recipe);
        Assert.True(train.Code == 0, train.Err + train.Out);
        Assert.Contains("done: 6/6 steps", train.Out);
        // The unmerged adapter on the base and the merged model generate the same greedy text.
        var run = Path.Combine(root, "runs", "cli");
        var unmerged = Tailor("generate", "--model", baseModel, "--adapter", Path.Combine(run, "adapter"), "--prompt", "A bakery number 3", "--max-new-tokens", "8");
        var merged = Tailor("generate", "--model", Path.Combine(run, "merged"), "--prompt", "A bakery number 3", "--max-new-tokens", "8");
        Assert.True(unmerged.Code == 0, unmerged.Err);
        Assert.True(merged.Code == 0, merged.Err);
        Assert.Equal(merged.Out, unmerged.Out);
        var plain = Tailor("generate", "--model", baseModel, "--prompt", "A bakery number 3", "--max-new-tokens", "8");
        Assert.NotEqual(plain.Out, unmerged.Out);

        var again = Tailor("train", "--recipe", recipe);
        Assert.Equal(1, again.Code);
        Assert.Contains("--resume", again.Err);
        var resumed = Tailor("train", "--recipe", recipe, "--resume");
        Assert.True(resumed.Code == 0, resumed.Err);
    }

    [Fact]
    public void BadInputGivesOneClearLineAndExitCode1()
    {
        var missing = Tailor("generate", "--model", Path.Combine(root, "nope"), "--prompt", "hi");
        Assert.Equal(1, missing.Code);
        Assert.Contains("config.json", missing.Err);
        Assert.DoesNotContain("   at ", missing.Err);

        var model = Path.Combine(root, "m");
        Assert.Equal(0, Tailor("model", "init", "--out", model).Code);
        var empty = Tailor("generate", "--model", model, "--prompt", "");
        Assert.Equal(1, empty.Code);
        Assert.Contains("empty", empty.Err);

        var again = Tailor("model", "init", "--out", model);
        Assert.Equal(1, again.Code);
        Assert.Contains("not empty", again.Err);
    }
}

/// <summary><c>tailor model convert</c>: the same model in bf16, half the bytes, same greedy text.</summary>
[Collection("console")]
public sealed class ModelConvertTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "tailor-convert-" + Guid.NewGuid().ToString("N"));

    public ModelConvertTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ABf16CopyIsHalfTheSizeAndLoads()
    {
        var fp32 = Path.Combine(root, "fp32");
        var bf16 = Path.Combine(root, "bf16");
        Assert.Equal(0, CliRunner.Run("model", "init", "--out", fp32, "--preset", "tiny", "--seed", "3").Code);

        var convert = CliRunner.Run("model", "convert", "--model", fp32, "--out", bf16);
        Assert.True(convert.Code == 0, convert.Err);
        Assert.Contains("bfloat16", CliRunner.Run("info", "--model", bf16).Out, StringComparison.Ordinal);
        var size = (string dir) => new FileInfo(Path.Combine(dir, "model.safetensors")).Length;
        Assert.InRange(size(bf16), size(fp32) * 0.45, size(fp32) * 0.55);
        Assert.True(File.Exists(Path.Combine(bf16, "tokenizer.json")));

        var generated = CliRunner.Run("generate", "--model", bf16, "--prompt", "A bakery", "--max-new-tokens", "4");
        Assert.True(generated.Code == 0, generated.Err);
        Assert.StartsWith("A bakery", generated.Out, StringComparison.Ordinal);

        Assert.Equal(1, CliRunner.Run("model", "convert", "--model", fp32, "--out", fp32).Code);
    }
}
