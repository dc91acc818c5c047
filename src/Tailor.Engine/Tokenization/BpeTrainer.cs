using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// Trains a byte-level BPE tokenizer from scratch (Tailor's own models have no pretrained tokenizer) and writes
/// it in Hugging Face layout, which <see cref="TextTokenizer.Load"/> and HF tokenizers both read.
/// ML.Tokenizers can run BPE but not train it, so the training loop lives here.
/// </summary>
/// <remarks>
/// Text is split with the GPT-2 regex and counted as a word-frequency table; every word starts as its UTF-8
/// bytes, so all 256 bytes are in the vocabulary and any text is encodable. Each step merges the most frequent
/// adjacent pair (ties broken by the ordinal order of the left, then the right token text, so the result
/// depends on nothing but the corpus). Pair counts are kept up to date incrementally: a merge only revisits
/// the words that contain the pair, and stale heap entries are re-queued lazily.
/// </remarks>
public static class BpeTrainer
{
    private const string NewLine = "\n";

    /// <summary>Trains on <paramref name="corpus"/> and writes the tokenizer files to <paramref name="outputDir"/>.</summary>
    /// <param name="corpus">Documents (or lines) of training text.</param>
    /// <param name="vocabSize">
    /// Total vocabulary size, special tokens and the 256 byte tokens included. Training stops earlier when no
    /// pair occurs <paramref name="minFrequency"/> times any more.
    /// </param>
    /// <param name="specialTokens">
    /// Special tokens, given ids 0, 1, ... in this order. Where they occur in the corpus they are cut out, not learned.
    /// </param>
    /// <param name="outputDir">Created if needed; tokenizer.json, vocab.json, merges.txt and tokenizer_config.json are written.</param>
    /// <param name="bosToken">Which special token is BOS (tokenizer_config.json bos_token), if any.</param>
    /// <param name="eosToken">Which special token is EOS, if any.</param>
    /// <param name="padToken">Which special token is padding, if any.</param>
    /// <param name="addBosToken">Whether encoding puts BOS in front of every text.</param>
    /// <param name="minFrequency">A pair must occur at least this often to be merged.</param>
    /// <param name="modelMaxLength">Written as model_max_length (the model's context length), if given.</param>
    /// <exception cref="EngineException">The sizes or special tokens are inconsistent.</exception>
    public static void Train(IEnumerable<string> corpus, int vocabSize, IReadOnlyList<string> specialTokens, string outputDir,
        string? bosToken = null, string? eosToken = null, string? padToken = null, bool addBosToken = false,
        int minFrequency = 2, int? modelMaxLength = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(specialTokens);
        ArgumentNullException.ThrowIfNull(outputDir);
        Validate(vocabSize, specialTokens, bosToken, eosToken, padToken, addBosToken);

        var words = CountWords(corpus, specialTokens);
        var model = Learn(words, vocabSize - specialTokens.Count, Math.Max(1, minFrequency), specialTokens);

        Directory.CreateDirectory(outputDir);
        var files = new TrainedFiles(model, specialTokens, bosToken, eosToken, padToken, addBosToken, modelMaxLength);
        files.Write(outputDir);
    }

    private static void Validate(int vocabSize, IReadOnlyList<string> specialTokens, string? bos, string? eos, string? pad, bool addBos)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in specialTokens)
        {
            if (string.IsNullOrEmpty(token))
            {
                throw new EngineException("BPE training: special tokens must not be empty.");
            }
            if (!seen.Add(token))
            {
                throw new EngineException($"BPE training: special token '{token}' is listed twice.");
            }
        }
        if (vocabSize < specialTokens.Count + 256)
        {
            throw new EngineException(
                $"BPE training: vocab size {vocabSize} is too small; it must hold the {specialTokens.Count} special tokens and the 256 byte tokens.");
        }
        foreach (var (name, token) in new[] { ("bos", bos), ("eos", eos), ("pad", pad) })
        {
            if (token is not null && !seen.Contains(token))
            {
                throw new EngineException($"BPE training: {name} token '{token}' is not one of the special tokens.");
            }
        }
        if (addBos && bos is null)
        {
            throw new EngineException("BPE training: addBosToken needs a bosToken.");
        }
    }

    /// <summary>Word → frequency over the corpus, counted on all cores (counts do not depend on the order).</summary>
    internal static Dictionary<string, long> CountWords(IEnumerable<string> corpus, IReadOnlyList<string> specialTokens)
    {
        var specials = specialTokens.Count == 0
            ? null
            : new Regex(string.Join('|', specialTokens.OrderByDescending(t => t.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        var gate = new object();
        Parallel.ForEach(
            corpus,
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (document, _, local) =>
            {
                if (document is null)
                {
                    return local;
                }
                var lookup = local.GetAlternateLookup<ReadOnlySpan<char>>();
                var start = 0;
                if (specials is not null)
                {
                    foreach (var match in specials.EnumerateMatches(document))
                    {
                        CountSegment(document.AsSpan(start, match.Index - start), lookup);
                        start = match.Index + match.Length;
                    }
                }
                CountSegment(document.AsSpan(start), lookup);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    foreach (var (word, count) in local)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(total, word, out _) += count;
                    }
                }
            });
        return total;
    }

    private static void CountSegment(ReadOnlySpan<char> text, Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> counts)
    {
        foreach (var match in SplitPatterns.Gpt2Regex.EnumerateMatches(text))
        {
            var word = text.Slice(match.Index, match.Length);
            counts[word] = counts.TryGetValue(word, out var count) ? count + 1 : 1;
        }
    }

    /// <summary>The learned model: token texts (byte-level) by id, bytes first, and the merges in rank order.</summary>
    internal sealed record LearnedModel(List<string> Tokens, List<(int Left, int Right)> Merges);

    internal static LearnedModel Learn(Dictionary<string, long> wordCounts, int targetTokens, int minFrequency, IReadOnlyList<string> specialTokens)
    {
        var tokens = new List<string>(targetTokens);
        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(ByteLevelAlphabet.Char((byte)b).ToString());
            tokenIds[tokens[b]] = b;
        }
        var merges = new List<(int, int)>();

        // Words in ordinal order, each as its byte sequence; symbols are merged in place and shrink.
        var sortedWords = wordCounts.Keys.Order(StringComparer.Ordinal).ToArray();
        var symbols = new int[sortedWords.Length][];
        var lengths = new int[sortedWords.Length];
        var freqs = new long[sortedWords.Length];
        var pairCounts = new Dictionary<long, long>();
        var where = new Dictionary<long, HashSet<int>>();
        for (var w = 0; w < sortedWords.Length; w++)
        {
            var bytes = Encoding.UTF8.GetBytes(sortedWords[w]);
            symbols[w] = Array.ConvertAll(bytes, b => (int)b);
            lengths[w] = bytes.Length;
            freqs[w] = wordCounts[sortedWords[w]];
            for (var j = 0; j + 1 < bytes.Length; j++)
            {
                var key = Key(bytes[j], bytes[j + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, key, out _) += freqs[w];
                WordsWith(where, key).Add(w);
            }
        }

        var queue = new PriorityQueue<long, (long Count, long Key)>(new PairOrder(tokens));
        foreach (var (key, count) in pairCounts)
        {
            queue.Enqueue(key, (count, key));
        }

        // A merge that would spell a special token is never made: that text must stay the special token's.
        var reserved = new HashSet<string>(specialTokens, StringComparer.Ordinal);
        var touched = new HashSet<long>();
        while (tokens.Count < targetTokens && queue.TryDequeue(out var best, out var queued))
        {
            var count = pairCounts.GetValueOrDefault(best);
            if (count != queued.Count)
            {
                // Stale entry: the pair lost occurrences since it was queued. Re-queue with its true count.
                if (count > 0)
                {
                    queue.Enqueue(best, (count, best));
                }
                continue;
            }
            if (count < minFrequency)
            {
                break;
            }
            var (left, right) = Split(best);
            var text = tokens[left] + tokens[right];
            if (reserved.Contains(ByteLevelText(text)))
            {
                continue;
            }
            if (!tokenIds.TryGetValue(text, out var merged))
            {
                merged = tokens.Count;
                tokens.Add(text);
                tokenIds[text] = merged;
            }
            merges.Add((left, right));

            touched.Clear();
            foreach (var w in where[best])
            {
                MergeInWord(w, left, right, merged, symbols, lengths, freqs[w], pairCounts, where, touched);
            }
            where.Remove(best);
            pairCounts.Remove(best);
            foreach (var key in touched)
            {
                if (pairCounts.TryGetValue(key, out var c) && c > 0)
                {
                    queue.Enqueue(key, (c, key));
                }
            }
        }
        return new LearnedModel(tokens, merges);
    }

    // Replaces every non-overlapping (left, right) in word w by 'merged', left to right, adjusting the counts of
    // the pairs around each replacement.
    private static void MergeInWord(int w, int left, int right, int merged, int[][] symbols, int[] lengths, long freq,
        Dictionary<long, long> pairCounts, Dictionary<long, HashSet<int>> where, HashSet<long> touched)
    {
        var s = symbols[w];
        var n = lengths[w];
        var write = 0;
        var read = 0;
        while (read < n)
        {
            if (read + 1 < n && s[read] == left && s[read + 1] == right)
            {
                Add(Key(left, right), -freq);
                if (write > 0)
                {
                    var previous = s[write - 1];
                    Add(Key(previous, left), -freq);
                    AddNew(Key(previous, merged));
                }
                if (read + 2 < n)
                {
                    var next = s[read + 2];
                    Add(Key(right, next), -freq);
                    AddNew(Key(merged, next));
                }
                s[write++] = merged;
                read += 2;
            }
            else
            {
                s[write++] = s[read++];
            }
        }
        lengths[w] = write;

        void Add(long key, long delta) => CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, key, out _) += delta;

        void AddNew(long key)
        {
            Add(key, freq);
            touched.Add(key);
            WordsWith(where, key).Add(w);
        }
    }

    private static HashSet<int> WordsWith(Dictionary<long, HashSet<int>> where, long key)
    {
        ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(where, key, out var exists);
        if (!exists)
        {
            set = [];
        }
        return set!;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static (int Left, int Right) Split(long key) => ((int)(key >> 32), (int)(key & 0xFFFFFFFF));

    // The plain text a byte-level token stands for (used to compare with special tokens).
    private static string ByteLevelText(string token)
    {
        var bytes = ByteLevelAlphabet.TryDecode(token);
        return bytes is null ? token : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Most frequent first; equal counts by the ordinal order of the left, then the right token text.</summary>
    private sealed class PairOrder(List<string> tokens) : IComparer<(long Count, long Key)>
    {
        public int Compare((long Count, long Key) x, (long Count, long Key) y)
        {
            if (x.Count != y.Count)
            {
                return y.Count.CompareTo(x.Count);
            }
            if (x.Key == y.Key)
            {
                return 0;
            }
            var (xl, xr) = Split(x.Key);
            var (yl, yr) = Split(y.Key);
            var byLeft = string.CompareOrdinal(tokens[xl], tokens[yl]);
            return byLeft != 0 ? byLeft : string.CompareOrdinal(tokens[xr], tokens[yr]);
        }
    }

    /// <summary>Writes a learned model as HF files.</summary>
    private sealed class TrainedFiles(LearnedModel model, IReadOnlyList<string> specials, string? bos, string? eos,
        string? pad, bool addBos, int? modelMaxLength)
    {
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            Indented = true,
            NewLine = NewLine,
            // Byte-level tokens are mostly non-ASCII ('Ġ'); writing them raw keeps the files readable, like HF's.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private int Offset => specials.Count;

        private string MergeText(int i) => $"{model.Tokens[model.Merges[i].Left]} {model.Tokens[model.Merges[i].Right]}";

        public void Write(string dir)
        {
            WriteJson(Path.Combine(dir, "tokenizer.json"), WriteTokenizerJson);
            WriteJson(Path.Combine(dir, "vocab.json"), WriteVocab);
            WriteJson(Path.Combine(dir, TokenizerConfig.ConfigFile), WriteConfig);
            var merges = new StringBuilder("#version: 0.2").Append('\n');
            for (var i = 0; i < model.Merges.Count; i++)
            {
                merges.Append(MergeText(i)).Append('\n');
            }
            File.WriteAllText(Path.Combine(dir, "merges.txt"), merges.ToString(), new UTF8Encoding(false));
        }

        private static void WriteJson(string path, Action<Utf8JsonWriter> write)
        {
            using var stream = File.Create(path);
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                write(writer);
            }
            stream.Write("\n"u8);
        }

        private void WriteVocab(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            for (var i = 0; i < specials.Count; i++)
            {
                w.WriteNumber(specials[i], i);
            }
            for (var i = 0; i < model.Tokens.Count; i++)
            {
                w.WriteNumber(model.Tokens[i], Offset + i);
            }
            w.WriteEndObject();
        }

        private void WriteTokenizerJson(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            w.WriteNull("padding");
            w.WriteStartArray("added_tokens");
            for (var i = 0; i < specials.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", i);
                w.WriteString("content", specials[i]);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNull("normalizer");
            w.WritePropertyName("pre_tokenizer");
            WriteByteLevel(w, addPrefixSpace: false, trimOffsets: true);
            w.WritePropertyName("post_processor");
            if (addBos)
            {
                WriteBosTemplate(w);
            }
            else
            {
                WriteByteLevel(w, addPrefixSpace: true, trimOffsets: false);
            }
            w.WritePropertyName("decoder");
            WriteByteLevel(w, addPrefixSpace: true, trimOffsets: true);
            w.WriteStartObject("model");
            w.WriteString("type", "BPE");
            w.WriteNull("dropout");
            w.WriteNull("unk_token");
            w.WriteNull("continuing_subword_prefix");
            w.WriteNull("end_of_word_suffix");
            w.WriteBoolean("fuse_unk", false);
            w.WriteBoolean("byte_fallback", false);
            w.WriteBoolean("ignore_merges", false);
            w.WritePropertyName("vocab");
            WriteVocab(w);
            // "a b" strings rather than pairs: every version of HF tokenizers reads this form.
            w.WriteStartArray("merges");
            for (var i = 0; i < model.Merges.Count; i++)
            {
                w.WriteStringValue(MergeText(i));
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteByteLevel(Utf8JsonWriter w, bool addPrefixSpace, bool trimOffsets)
        {
            w.WriteStartObject();
            w.WriteString("type", "ByteLevel");
            w.WriteBoolean("add_prefix_space", addPrefixSpace);
            w.WriteBoolean("trim_offsets", trimOffsets);
            w.WriteBoolean("use_regex", true);
            w.WriteEndObject();
        }

        // HF's PreTrainedTokenizerFast ignores add_bos_token, so BOS is also written where it looks: the template.
        private void WriteBosTemplate(Utf8JsonWriter w)
        {
            var bosId = IndexOf(bos!);
            w.WriteStartObject();
            w.WriteString("type", "TemplateProcessing");
            w.WriteStartArray("single");
            WriteSpecial(w, bos!, 0);
            WriteSequence(w, "A", 0);
            w.WriteEndArray();
            w.WriteStartArray("pair");
            WriteSpecial(w, bos!, 0);
            WriteSequence(w, "A", 0);
            WriteSpecial(w, bos!, 1);
            WriteSequence(w, "B", 1);
            w.WriteEndArray();
            w.WriteStartObject("special_tokens");
            w.WriteStartObject(bos!);
            w.WriteString("id", bos);
            w.WriteStartArray("ids");
            w.WriteNumberValue(bosId);
            w.WriteEndArray();
            w.WriteStartArray("tokens");
            w.WriteStringValue(bos);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            static void WriteSpecial(Utf8JsonWriter w, string id, int typeId)
            {
                w.WriteStartObject();
                w.WriteStartObject("SpecialToken");
                w.WriteString("id", id);
                w.WriteNumber("type_id", typeId);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            static void WriteSequence(Utf8JsonWriter w, string id, int typeId)
            {
                w.WriteStartObject();
                w.WriteStartObject("Sequence");
                w.WriteString("id", id);
                w.WriteNumber("type_id", typeId);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        private void WriteConfig(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
            WriteTokenOrNull(w, "bos_token", bos);
            WriteTokenOrNull(w, "eos_token", eos);
            WriteTokenOrNull(w, "pad_token", pad);
            w.WriteNull("unk_token");
            w.WriteBoolean("add_bos_token", addBos);
            w.WriteBoolean("add_eos_token", false);
            w.WriteBoolean("clean_up_tokenization_spaces", false);
            if (modelMaxLength is { } maxLength)
            {
                w.WriteNumber("model_max_length", maxLength);
            }
            w.WriteStartObject("added_tokens_decoder");
            for (var i = 0; i < specials.Count; i++)
            {
                w.WriteStartObject(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("content", specials[i]);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();

            static void WriteTokenOrNull(Utf8JsonWriter w, string name, string? token)
            {
                if (token is null)
                {
                    w.WriteNull(name);
                }
                else
                {
                    w.WriteString(name, token);
                }
            }
        }

        private int IndexOf(string special)
        {
            for (var i = 0; i < specials.Count; i++)
            {
                if (specials[i] == special)
                {
                    return i;
                }
            }
            throw new InvalidOperationException($"'{special}' is not a special token.");
        }
    }
}
