using System.Text;
using Microsoft.ML.Tokenizers;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// The parts of HF's normalization that byte-level BPE models use, as an ML.Tokenizers <see cref="Normalizer"/>
/// (the package ships only case, BERT and SentencePiece normalizers): a Unicode normal form (Qwen2 uses NFC)
/// and ByteLevel's <c>add_prefix_space</c>, which makes the first word look like any other ("Ġword").
/// </summary>
internal sealed class HfNormalizer(NormalizationForm? form, bool addPrefixSpace) : Normalizer
{
    public NormalizationForm? Form { get; } = form;

    public bool AddPrefixSpace { get; } = addPrefixSpace;

    public override string Normalize(string original)
    {
        var text = Form is { } f ? original.Normalize(f) : original;
        return AddPrefixSpace && text.Length > 0 && text[0] != ' ' ? " " + text : text;
    }

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());
}
