using System.Globalization;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Turns a command-line suggester spec into a suggester:
/// <list type="bullet">
/// <item>"baseline": <see cref="KeywordBaselineSuggester"/>;</item>
/// <item>"openai:&lt;model&gt;[@&lt;base-url&gt;][;key-env=VAR][;temperature=T]": <see cref="ChatEndpointSuggester"/> at
/// the base URL (default <see cref="DefaultBaseUrl"/>), with the API key from the environment variable VAR
/// (default OPENAI_API_KEY; unset means no key, fine for local servers), e.g.
/// "openai:gpt-4o-mini@http://localhost:8000/v1";</item>
/// <item>"model:&lt;dir&gt;": a trained model; not yet available.</item>
/// </list>
/// </summary>
public static class SuggesterSpec
{
    public const string DefaultKeyVariable = "OPENAI_API_KEY";

    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    public const string Forms =
        "accepted forms: 'baseline'; 'openai:<model>[@<base-url>][;key-env=VAR][;temperature=T]' " +
        "(e.g. 'openai:gpt-4o-mini@http://localhost:8000/v1'); 'model:<dir>'";

    private const string OpenAiPrefix = "openai:";
    private const string ModelPrefix = "model:";

    /// <param name="environment">Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <exception cref="DomainDataException">The spec is none of the accepted forms.</exception>
    public static IDomainSuggester Parse(string spec, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        environment ??= Environment.GetEnvironmentVariable;
        var trimmed = spec.Trim();
        if (trimmed.Equals("baseline", StringComparison.OrdinalIgnoreCase))
        {
            return new KeywordBaselineSuggester();
        }
        if (trimmed.StartsWith(OpenAiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseOpenAi(spec, trimmed[OpenAiPrefix.Length..], environment);
        }
        if (trimmed.StartsWith(ModelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // The extension point: the trained model's suggester will be built here from its directory.
            throw new DomainDataException(
                $"suggester '{spec}': model suggesters arrive with the domain suggester (issue 6); for now use 'baseline' or 'openai:...'.");
        }
        throw new DomainDataException($"suggester '{spec}' is not understood; {Forms}.");
    }

    private static ChatEndpointSuggester ParseOpenAi(string spec, string body, Func<string, string?> environment)
    {
        var parts = body.Split(';', StringSplitOptions.TrimEntries);
        var target = parts[0];
        var at = target.IndexOf('@', StringComparison.Ordinal);
        var model = at < 0 ? target : target[..at];
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new DomainDataException($"suggester '{spec}' names no model; {Forms}.");
        }
        var baseUrl = DefaultBaseUrl;
        if (at >= 0 && (!Uri.TryCreate(target[(at + 1)..], UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("http" or "https")))
        {
            throw new DomainDataException($"suggester '{spec}': '{target[(at + 1)..]}' is not an http(s) URL; {Forms}.");
        }
        var keyVariable = DefaultKeyVariable;
        var temperature = 0f;
        foreach (var option in parts.Skip(1))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (option, "") : (option[..equals], option[(equals + 1)..]);
            switch (name)
            {
                case "key-env" when value.Length > 0:
                    keyVariable = value;
                    break;
                case "temperature" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t >= 0:
                    temperature = t;
                    break;
                default:
                    throw new DomainDataException($"suggester '{spec}': option '{option}' is not understood; {Forms}.");
            }
        }
        var key = environment(keyVariable);
        return ChatEndpointSuggester.Create(baseUrl, model.Trim(), string.IsNullOrEmpty(key) ? null : key, temperature: temperature);
    }
}
