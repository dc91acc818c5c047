using System.Text.Json;
using Tailor.Engine.Generation;
using Tailor.Engine.Models;
using static TorchSharp.torch;

namespace Tailor.Engine.Tests.Models;

/// <summary>
/// Our logits against an independent implementation. Golden/make_golden.py builds tiny random
/// checkpoints (Llama-3 with llama3 rope scaling and GQA, Qwen2 with q/k/v biases and tied
/// embeddings, Mistral with a sliding window and one KV head) and records the logits and greedy
/// tokens a plain-PyTorch reference of HF's modeling code gives for them.
/// </summary>
public class GoldenReferenceTests
{
    sealed record Expected(long[] input_ids, float[][] logits, int[] greedy_prompt, int[] greedy_tokens);

    static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    [Theory]
    [InlineData("tiny-llama3")]
    [InlineData("tiny-qwen2")]
    [InlineData("tiny-mistral")]
    public void LogitsMatchTheReferenceTo1e4(string name)
    {
        var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(Folder(name), "expected.json")))!;
        using var model = LlamaCheckpoint.Load(Folder(name));
        using var scope = NewDisposeScope();
        var logits = model.forward(tensor(expected.input_ids, 1, expected.input_ids.Length), null)[0];
        var reference = tensor(expected.logits.SelectMany(r => r).ToArray(), expected.logits.Length, expected.logits[0].Length);
        var maxDiff = (logits - reference).abs().max().item<float>();
        Assert.True(maxDiff < 1e-4f, $"{name}: max |logit - reference| = {maxDiff}");
    }

    [Theory]
    [InlineData("tiny-llama3")]
    [InlineData("tiny-qwen2")]
    [InlineData("tiny-mistral")]
    public void GreedyTokensMatchTheReference(string name)
    {
        var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(Folder(name), "expected.json")))!;
        using var model = LlamaCheckpoint.Load(Folder(name));
        var result = new TokenGenerator(model).Generate([expected.greedy_prompt],
            new GenerationConfig { MaxNewTokens = expected.greedy_tokens.Length }).Single();
        Assert.Equal(expected.greedy_tokens, result.Tokens);
    }
}
