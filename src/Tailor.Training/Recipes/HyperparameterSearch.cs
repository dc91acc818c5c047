using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tailor.Training.Recipes;

/// <summary>One searched dimension: a recipe key (dotted, e.g. <c>training.learning_rate</c>) and its candidate values.</summary>
public sealed record SearchDimension(string Key, IReadOnlyList<JsonNode> Values)
{
    /// <summary>Parses <c>key=v1,v2,...</c>; numbers and booleans keep their JSON type.</summary>
    public static SearchDimension Parse(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1) throw new TrainingException($"search parameter '{text}' must look like key=value1,value2");
        var values = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => JsonNode.Parse(IsJsonLiteral(v) ? v : JsonSerializer.Serialize(v))!).ToList();
        return new SearchDimension(text[..eq].Trim(), values);
    }

    static bool IsJsonLiteral(string v) =>
        v is "true" or "false" || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

/// <summary>A finished trial as recorded in <c>trials.jsonl</c>.</summary>
public sealed record TrialRecord(int Trial, string Run, IReadOnlyDictionary<string, JsonNode?> Parameters, string Metric,
    double? BestMetric, long? BestStep, long Steps, double TokensPerSecond, double TrainSeconds);

/// <summary>
/// Grid or random search over recipe keys (learning rate, LoRA r/alpha/dropout, epochs, ...). Every trial is
/// a full run directory under <c>OUTPUT_DIR/NAME-search/</c> and a line in its <c>trials.jsonl</c>; a trial
/// already recorded there is not run again, so an interrupted search continues where it stopped.
/// </summary>
public sealed class HyperparameterSearch(JsonObject baseRecipe, string source, IReadOnlyList<SearchDimension> space)
{
    public Action<int, int, IReadOnlyDictionary<string, JsonNode?>>? OnTrialStart { get; init; }
    public Func<Recipe, TrainSummary>? RunTrial { get; init; }

    /// <summary>All combinations (grid), or <paramref name="randomTrials"/> distinct combinations drawn with <paramref name="seed"/>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonNode?>> Trials(int? randomTrials, int seed)
    {
        IEnumerable<Dictionary<string, JsonNode?>> grid = [new Dictionary<string, JsonNode?>()];
        foreach (var dim in space)
            grid = grid.SelectMany(partial => dim.Values.Select(v => new Dictionary<string, JsonNode?>(partial) { [dim.Key] = v.DeepClone() }));
        var all = grid.ToList<IReadOnlyDictionary<string, JsonNode?>>();
        if (randomTrials is not { } n || n >= all.Count) return all;
        var random = new Random(seed);
        return [.. all.OrderBy(_ => random.Next()).Take(n)];
    }

    public string SearchDirectory
    {
        get
        {
            var name = baseRecipe["name"]?.GetValue<string>() ?? "run";
            var output = baseRecipe["output_dir"]?.GetValue<string>() ?? "runs";
            return Path.Combine(output, name + "-search");
        }
    }

    public IReadOnlyList<TrialRecord> Run(int? randomTrials = null, int seed = 0)
    {
        var trials = Trials(randomTrials, seed);
        Directory.CreateDirectory(SearchDirectory);
        var store = Path.Combine(SearchDirectory, "trials.jsonl");
        var done = ReadStore(store).ToDictionary(t => t.Trial);
        for (int i = 0; i < trials.Count; i++)
        {
            if (done.ContainsKey(i)) continue;
            OnTrialStart?.Invoke(i, trials.Count, trials[i]);
            var recipe = TrialRecipe(i, trials[i]);
            var summary = (RunTrial ?? (r => new RecipeRunner(r).Run()))(recipe);
            var r = summary.Result;
            var record = new TrialRecord(i, recipe.RunDirectory, trials[i], r.MetricName, r.BestMetric, r.BestStep, r.Steps, r.TokensPerSecond, r.TrainSeconds);
            File.AppendAllText(store, JsonSerializer.Serialize(record, Recipe.Json).ReplaceLineEndings(" ") + "\n");
            done[i] = record;
        }
        return Ranked(done.Values, greaterIsBetter: Recipe.FromJson(baseRecipe.DeepClone(), source).Training.GreaterIsBetter);
    }

    /// <summary>The base recipe with the trial's values set, under its own run name.</summary>
    public Recipe TrialRecipe(int index, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var node = baseRecipe.DeepClone().AsObject();
        foreach (var (key, value) in values) Set(node, key, value?.DeepClone());
        node["name"] = $"trial-{index:D3}";
        node["output_dir"] = SearchDirectory;
        return Recipe.FromJson(node, $"{source} (trial {index}: {string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))})");
    }

    static void Set(JsonObject root, string dottedKey, JsonNode? value)
    {
        var parts = dottedKey.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject child)
            {
                child = [];
                current[part] = child;
            }
            current = child;
        }
        current[parts[^1]] = value;
    }

    public static IReadOnlyList<TrialRecord> Ranked(IEnumerable<TrialRecord> trials, bool greaterIsBetter)
    {
        var scored = trials.Where(t => t.BestMetric is not null);
        var ranked = greaterIsBetter ? scored.OrderByDescending(t => t.BestMetric) : scored.OrderBy(t => t.BestMetric);
        return [.. ranked.ThenBy(t => t.Trial), .. trials.Where(t => t.BestMetric is null).OrderBy(t => t.Trial)];
    }

    static IEnumerable<TrialRecord> ReadStore(string path) => File.Exists(path)
        ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<TrialRecord>(l, Recipe.Json)!)
        : [];

    /// <summary>The recipe with every default filled in, as a tree the trials edit.</summary>
    public static JsonObject LoadRecipeNode(string path) => JsonNode.Parse(Recipe.Load(path).ToJson())!.AsObject();
}
