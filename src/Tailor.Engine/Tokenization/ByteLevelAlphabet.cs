using System.Text;

namespace Tailor.Engine.Tokenization;

/// <summary>
/// GPT-2's reversible byte-to-character table ("bytes_to_unicode"). Byte-level BPE vocabularies store tokens
/// as strings in which every UTF-8 byte is one printable character (space is 'Ġ', newline 'Ċ'), so that any
/// byte sequence is a valid JSON string and no token contains whitespace. ML.Tokenizers keeps its copy of this
/// table internal, and we need it to write vocabularies (BpeTrainer) and to look whole words up in one.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildTable();
    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>The character that stands for <paramref name="b"/> in byte-level tokens.</summary>
    public static char Char(byte b) => ByteToChar[b];

    /// <summary>UTF-8 encodes <paramref name="text"/> and maps every byte to its stand-in character.</summary>
    public static string Encode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return Encode(bytes);
    }

    /// <summary>Maps every byte to its stand-in character.</summary>
    public static string Encode(byte[] bytes)
    {
        return string.Create(bytes.Length, bytes, static (span, b) =>
        {
            for (var i = 0; i < b.Length; i++)
            {
                span[i] = ByteToChar[b[i]];
            }
        });
    }

    /// <summary>
    /// The bytes a byte-level token stands for, or null when it contains a character outside the table
    /// (which only happens for added tokens, whose text is stored verbatim).
    /// </summary>
    public static byte[]? TryDecode(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!CharToByte.TryGetValue(token[i], out bytes[i]))
            {
                return null;
            }
        }
        return bytes;
    }

    // Printable Latin-1 bytes stand for themselves; the other 68 (controls, space, NBSP, soft hyphen...) are
    // shifted to U+0100 and up in byte order. This is the exact construction used by GPT-2 and HF tokenizers,
    // so vocabularies written with it are interchangeable with theirs.
    private static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }
        return table;
    }
}
