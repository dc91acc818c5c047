namespace Tailor.Domains.Endpoints;

/// <summary>
/// An OpenAI-compatible endpoint named on a command line: <c>&lt;model&gt;[@&lt;base-url&gt;][;key-env=VAR][;name=value...]</c>,
/// e.g. <c>gpt-4o-mini@http://localhost:8000/v1;key-env=LOCAL_KEY</c>. Suggesters, judges and embedders all name
/// their endpoints this way; options other than key-env are left to the caller.
/// </summary>
public sealed record EndpointSpec(string Model, Uri BaseUrl, string KeyVariable, IReadOnlyDictionary<string, string> Options)
{
    public const string DefaultKeyVariable = "OPENAI_API_KEY";

    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    public const string Form = "<model>[@<base-url>][;key-env=VAR]";

    /// <summary>Parses <paramref name="text"/>; errors start with <paramref name="context"/> (e.g. "suggester 'openai:...'").</summary>
    /// <exception cref="DomainDataException">No model, a base URL that is not http(s), or an option without a value.</exception>
    public static EndpointSpec Parse(string text, string context)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var target = parts[0];
        var at = target.IndexOf('@', StringComparison.Ordinal);
        var model = (at < 0 ? target : target[..at]).Trim();
        if (model.Length == 0)
        {
            throw new DomainDataException($"{context} names no model (expected {Form}).");
        }
        var baseUrl = DefaultBaseUrl;
        if (at >= 0 && (!Uri.TryCreate(target[(at + 1)..], UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("http" or "https")))
        {
            throw new DomainDataException($"{context}: '{target[(at + 1)..]}' is not an http(s) URL (expected {Form}).");
        }
        var keyVariable = DefaultKeyVariable;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in parts.Skip(1).Where(p => p.Length > 0))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == option.Length - 1)
            {
                throw new DomainDataException($"{context}: option '{option}' is not name=value.");
            }
            var (name, value) = (option[..equals], option[(equals + 1)..]);
            if (name == "key-env")
            {
                keyVariable = value;
            }
            else
            {
                options[name] = value;
            }
        }
        return new EndpointSpec(model, baseUrl, keyVariable, options);
    }

    /// <summary>The API key from <see cref="KeyVariable"/>, or null (local servers usually need none).</summary>
    public string? ApiKey(Func<string, string?>? environment = null)
    {
        var key = (environment ?? Environment.GetEnvironmentVariable)(KeyVariable);
        return string.IsNullOrEmpty(key) ? null : key;
    }
}
