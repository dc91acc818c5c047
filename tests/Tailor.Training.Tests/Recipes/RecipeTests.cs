using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;
using Tailor.Training.Adapters;
using Tailor.Training.Recipes;
using Tailor.Training.Trainer;
using Tailor.Training.Tests.Trainer;

namespace Tailor.Training.Tests.Recipes;

[Collection("global torch seed")]
public class RecipeTests
{
    const string Yaml = """
        name: t
        output_dir: OUT
        model:
          path: BASE
        method: lora
        lora:
          r: 4
          alpha: 8
          target_modules: [q_proj, v_proj]
        data:
          train: TRAIN
          validation_fraction: 0.25
          max_length: 64
        training:
          max_steps: 12
          per_device_train_batch_size: 4
          learning_rate: 0.01
          eval_steps: 4
          save_steps: 4
          logging_steps: 2
          lr_scheduler_type: cosine
        """;

    /// <summary>A base model folder with a trained tokenizer, a data file and a recipe pointing at both.</summary>
    static string Setup(TempDirectory dir, string method = "lora")
    {
        var baseDir = dir.File("base");
        var lines = Enumerable.Range(0, 24).Select(i => JsonSerializer.Serialize(new
        {
            prompt = $"Business: shop number {i} sells item {i % 5}\nDomains:",
            completion = $" shop{i}.com, item{i % 5}.io",
        })).ToList();
        File.WriteAllLines(dir.File("train.jsonl"), lines);
        BpeTrainer.Train(lines.Concat(lines), 400, ["<s>", "</s>", "<pad>"], baseDir, bosToken: "<s>", eosToken: "</s>", padToken: "<pad>", addBosToken: true);
        var tokenizer = TextTokenizer.Load(baseDir);
        using var model = new LlamaForCausalLM(ModelPresets.Create("tiny", tokenizer.VocabSize) with { EosTokenIds = [1] }).InitializeWeights(3);
        LlamaCheckpoint.Save(model, baseDir);
        var recipe = dir.File("recipe.yaml");
        File.WriteAllText(recipe, Yaml.Replace("OUT", dir.File("runs")).Replace("BASE", baseDir).Replace("TRAIN", dir.File("train.jsonl"))
            .Replace("method: lora", $"method: {method}"));
        return recipe;
    }

    [Fact]
    public void YamlAndJsonReadTheSameRecipe()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("r.yaml"), Yaml);
        var fromYaml = Recipe.Load(dir.File("r.yaml"));
        File.WriteAllText(dir.File("r.json"), fromYaml.ToJson());
        var fromJson = Recipe.Load(dir.File("r.json"));
        Assert.Equal(fromYaml.ToJson(), fromJson.ToJson());
        Assert.Equal(12, fromYaml.Training.MaxSteps);
        Assert.Equal(["q_proj", "v_proj"], fromYaml.Lora.TargetModules);
        Assert.Equal(0.01, fromYaml.Training.LearningRate);
    }

    [Theory]
    [InlineData("  learning_rate: 0.01", "  learnin_rate: 0.01", "learnin_rate")]
    [InlineData("method: lora", "method: dora", "'method'")]
    [InlineData("  lr_scheduler_type: cosine", "  lr_scheduler_type: wavy", "wavy")]
    [InlineData("  max_steps: 12", "  max_steps: [12", "YAML")]
    public void BadRecipesNameTheFileAndTheProblem(string from, string to, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("r.yaml"), Yaml.Replace(from, to, StringComparison.Ordinal));
        var e = Assert.Throws<TrainingException>(() => Recipe.Load(dir.File("r.yaml")));
        Assert.Contains("r.yaml", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ARecipeTrainsEndToEndIntoAResumableRunDirectory()
    {
        using var dir = new TempDirectory();
        var recipe = Recipe.Load(Setup(dir));
        var summary = new RecipeRunner(recipe).Run();
        var run = recipe.RunDirectory;
        foreach (var f in new[] { "recipe.resolved.json", "metrics.jsonl", "summary.json", "loss.png", "loss.svg", "adapter/adapter_config.json", "adapter/adapter_model.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        Assert.Equal(12, summary.Result.Steps);
        Assert.Equal(18, summary.TrainData.Examples);   // a quarter of 24 prompts held out
        Assert.Equal(6, summary.ValidationData!.Examples);
        var losses = MetricsLog.Read(Path.Combine(run, "metrics.jsonl")).Where(r => r.Values.ContainsKey("eval_loss")).Select(r => r.Values["eval_loss"]).ToList();
        Assert.Equal(3, losses.Count);
        Assert.True(losses[^1] < losses[0], $"eval loss should fall: {string.Join(", ", losses)}");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        Assert.Equal("lora", json["method"]!.GetValue<string>());

        // The adapter loads back onto the base and gives the trained model's logits.
        Assert.Throws<TrainingException>(() => new RecipeRunner(recipe).Run());   // exists: needs --resume
        var again = new RecipeRunner(recipe).Run(resume: true);
        Assert.Equal(12, again.Result.Steps);
    }

    [Fact]
    public void SearchRunsEveryGridPointOnceAndRanksThem()
    {
        using var dir = new TempDirectory();
        var path = Setup(dir);
        var space = new[] { SearchDimension.Parse("training.learning_rate=0.001,0.01"), SearchDimension.Parse("lora.r=2,4") };
        int runs = 0;
        var search = new HyperparameterSearch(HyperparameterSearch.LoadRecipeNode(path), path, space)
        {
            RunTrial = r => { runs++; return new RecipeRunner(r with { Training = r.Training with { MaxSteps = 4, EvalSteps = 4 } }).Run(); },
        };
        var ranked = search.Run();
        Assert.Equal(4, ranked.Count);
        Assert.Equal(4, runs);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.BestMetric <= p.Second.BestMetric));
        Assert.Equal(4, ranked.Select(t => (t.Parameters["training.learning_rate"]!.ToJsonString(), t.Parameters["lora.r"]!.ToJsonString())).Distinct().Count());
        // A finished search is not re-run.
        search.Run();
        Assert.Equal(4, runs);
        Assert.Equal(2, search.Trials(randomTrials: 2, seed: 1).Count);
    }
}
