using System.Collections.Frozen;

namespace Tailor.Server.Web;

/// <summary>
/// The web page's files (Web/wwwroot, embedded in the assembly so the server needs no content folder), read once,
/// with their content types.
/// </summary>
public static class WebAssets
{
    private const string Prefix = "Tailor.Server.wwwroot.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>File name (e.g. "app.js") to its bytes and content type.</summary>
    public static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    private static FrozenDictionary<string, (byte[] Bytes, string ContentType)> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            files[name] = (bytes.ToArray(), ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
