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
        var streams = onText is null ? null : new StreamedText[encoded.Count * Math.Max(1, config.IsSampling ? config.NumReturnSequences : 1)];
        Action<int, int>? onToken = streams is null ? null : (row, token) =>
        {
            var stream = streams[row] ??= new StreamedText();
            var fresh = stream.Push(token, Decode);
            if (fresh.Length > 0) onText!(row, fresh);
        };

        var sequences = new TokenGenerator(model).Generate(encoded, config, Decode, onToken);
        return [.. sequences.Select(s => new TextCompletion(
            s.PromptIndex, StopCriteria.CutAtStopString(Decode(s.Tokens), config.StopStrings), s.Tokens, s.FinishReason, s.Score))];
    }

    /// <summary>
    /// Text streamed so far for one row. Byte-level tokens can split a UTF-8 character, which decodes to
    /// U+FFFD until its last byte arrives, so a trailing replacement character is held back.
    /// </summary>
    sealed class StreamedText
    {
        readonly List<int> tokens = [];
        int emitted;

        public string Push(int token, Func<IReadOnlyList<int>, string> decode)
        {
            tokens.Add(token);
            var text = decode(tokens);
            int stable = text.EndsWith('\uFFFD') ? text.TrimEnd('\uFFFD').Length : text.Length;
            if (stable <= emitted) return "";
            var fresh = text[emitted..stable];
            emitted = stable;
            return fresh;
        }
    }
}
