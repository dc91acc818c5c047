using Tailor.Engine.Models;
using Tailor.Engine.Tokenization;

namespace Tailor.Engine.Generation;

/// <summary>One generated text for one prompt.</summary>
public sealed record TextCompletion(int PromptIndex, string Text, IReadOnlyList<int> Tokens, FinishReason FinishReason, double Score);

/// <summary>
/// Text in, text out: tokenizes prompts (with the tokenizer's BOS and friends), decodes with
/// <see cref="TokenGenerator"/>, stops on the tokenizer's and config's end-of-sequence ids unless told
/// otherwise, and cuts the text at the first stop string.
/// </summary>
public sealed class TextGenerator(LlamaForCausalLM model, TextTokenizer tokenizer)
{
    /// <param name="onText">Streaming: called with (row, new text) as text completes. Greedy and sampling only.</param>
    public IReadOnlyList<TextCompletion> Generate(IReadOnlyList<string> prompts, GenerationConfig config, Action<int, string>? onText = null)
    {
        var encoded = new List<IReadOnlyList<int>>();
        for (int i = 0; i < prompts.Count; i++)
        {
            if (string.IsNullOrEmpty(prompts[i])) throw new EngineException($"prompt {i} is empty: give some text to continue");
            var ids = tokenizer.Encode(prompts[i]);
            if (ids.Count + config.MaxNewTokens > model.Config.MaxPositionEmbeddings)
                throw new EngineException($"prompt {i} has {ids.Count} tokens; with max_new_tokens {config.MaxNewTokens} that exceeds the model's {model.Config.MaxPositionEmbeddings} positions");
            foreach (var id in ids)
                if (id >= model.Config.VocabSize)
                    throw new EngineException($"the tokenizer produced id {id} but the model's vocabulary has {model.Config.VocabSize} entries: tokenizer and model do not belong together");
            encoded.Add(ids);
        }
        if (config.StopTokenIds.Count == 0)
            config = config with { StopTokenIds = tokenizer.StopTokenIds.Concat(model.Config.EosTokenIds).ToHashSet() };

        string Decode(IReadOnlyList<int> ids) => tokenizer.Decode(ids, skipSpecialTokens: true);
        var streams = new Dictionary<int, TokenStreamDecoder>();
        Action<int, int>? onToken = onText is null ? null : (row, token) =>
        {
            if (!streams.TryGetValue(row, out var stream)) streams[row] = stream = new TokenStreamDecoder(tokenizer, skipSpecialTokens: true);
            var fresh = stream.Push(token);
            if (fresh.Length > 0) onText(row, fresh);
        };

        var sequences = new TokenGenerator(model).Generate(encoded, config, Decode, onToken);
        return [.. sequences.Select(s => new TextCompletion(
            s.PromptIndex, StopCriteria.CutAtStopString(Decode(s.Tokens), config.StopStrings), s.Tokens, s.FinishReason, s.Score))];
    }
}
