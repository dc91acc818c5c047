using System.Globalization;
using Tailor.Domains.Endpoints;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// Turns a command-line suggester spec into a suggester:
/// <list type="bullet">
/// <item>"baseline": <see cref="KeywordBaselineSuggester"/>;</item>
/// <item>"openai:&lt;model&gt;[@&lt;base-url&gt;][;key-env=VAR][;temperature=T]": <see cref="ChatEndpointSuggester"/> at
/// the base URL (default <see cref="EndpointSpec.DefaultBaseUrl"/>), with the API key from the environment variable VAR
/// (default OPENAI_API_KEY; unset means no key, fine for local servers), e.g.
/// "openai:gpt-4o-mini@http://localhost:8000/v1";</item>
/// <item>"model:&lt;dir&gt;[;option=value]...": <see cref="Model.ModelDomainSuggester"/> on the model directory, with
/// <see cref="Model.ModelSuggesterOptions.With"/>'s options, e.g. "model:models/domains;samples=8;style=short".</item>
/// </list>
/// </summary>
public static class SuggesterSpec
{
    public const string Forms =
        "accepted forms: 'baseline'; 'openai:<model>[@<base-url>][;key-env=VAR][;temperature=T]' " +
        "(e.g. 'openai:gpt-4o-mini@http://localhost:8000/v1'); 'model:<dir>[;samples=N][;names-per-row=K][;temperature=T][;top-p=P][;seed=S][;style=brandable|keyword|short][;tlds=a,b]'; " +
        "'guarded:<spec>' (the safety guard of models/guard in front of any of these)";

    private const string OpenAiPrefix = "openai:";
    private const string ModelPrefix = "model:";
    private const string GuardedPrefix = "guarded:";

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
            return ParseModel(spec, trimmed[ModelPrefix.Length..]);
        }
        if (trimmed.StartsWith(GuardedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var inner = Parse(trimmed[GuardedPrefix.Length..], environment);
            if (!File.Exists(Guard.SafetyGuard.ShippedModelPath))
            {
                throw new DomainDataException(
                    $"suggester '{spec}': no guard model at {Guard.SafetyGuard.ShippedModelPath} (run from the repository root).");
            }
            return new Guard.GuardedSuggester(inner, new Guard.SafetyGuard(Guard.SafetyGuardModel.Load(Guard.SafetyGuard.ShippedModelPath)));
        }
        throw new DomainDataException($"suggester '{spec}' is not understood; {Forms}.");
    }

    private static Model.ModelDomainSuggester ParseModel(string spec, string body)
    {
        var parts = body.Split(';', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || !Directory.Exists(parts[0]))
        {
            throw new DomainDataException($"suggester '{spec}': model directory '{parts[0]}' does not exist; {Forms}.");
        }
        var options = new Model.ModelSuggesterOptions();
        foreach (var option in parts.Skip(1).Where(p => p.Length > 0))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new DomainDataException($"suggester '{spec}': option '{option}' is not name=value; {Forms}.");
            }
            options = options.With(option[..equals], option[(equals + 1)..]);
        }
        return Model.ModelDomainSuggester.Load(parts[0], options);
    }

    private static ChatEndpointSuggester ParseOpenAi(string spec, string body, Func<string, string?> environment)
    {
        EndpointSpec endpoint;
        try
        {
            endpoint = EndpointSpec.Parse(body, $"suggester '{spec}'");
        }
        catch (DomainDataException e)
        {
            throw new DomainDataException($"{e.Message.TrimEnd('.')}; {Forms}.", e);
        }
        var temperature = 0f;
        foreach (var (name, value) in endpoint.Options)
        {
            if (name != "temperature" || !float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out temperature) || temperature < 0)
            {
                throw new DomainDataException($"suggester '{spec}': option '{name}={value}' is not understood; {Forms}.");
            }
        }
        return ChatEndpointSuggester.Create(endpoint.BaseUrl, endpoint.Model, endpoint.ApiKey(environment), temperature: temperature);
    }
}
