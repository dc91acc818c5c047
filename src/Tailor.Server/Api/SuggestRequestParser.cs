using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;

namespace Tailor.Server.Api;

/// <summary>
/// Checks a POST /v1/suggest body field by field into a <see cref="SuggestionRequest"/>, options and all. Unknown
/// fields and wrong JSON types are 400 (the client sent something else than it meant); well-typed values out of bounds
/// (empty or too long description, count outside 1..max, max_length outside 1..63, a malformed TLD or one no name can
/// be registered under, an unknown style) are 422. Null counts as absent for the optional fields. The CLI reads the
/// "options" of its JSONL requests with <see cref="ParseOptions"/>, so both accept the same keys and values.
/// </summary>
public static partial class SuggestRequestParser
{
    public const string DescriptionField = "business_description";

    private const int MaxListItems = 20;

    /// <summary>The option keys, as the API's body and the CLI's JSONL "options" object name them.</summary>
    public static IReadOnlyList<string> OptionFields { get; } = ["count", "tlds", "max_length", "style", "include", "exclude", "language"];

    /// <exception cref="ApiRequestException">The body is not an acceptable request.</exception>
    public static SuggestionRequest Parse(JsonElement body, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckFields(body, [DescriptionField, .. OptionFields]);
        var description = Description(body, DescriptionField, options.MaxDescriptionLength);
        return Options(body, description, options.MaxCount);
    }

    /// <summary>A request for <paramref name="description"/> with the options of <paramref name="options"/> (an object of <see cref="OptionFields"/> only).</summary>
    /// <exception cref="ApiRequestException">The options are not acceptable.</exception>
    public static SuggestionRequest ParseOptions(JsonElement options, string description, int maxCount)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            throw ApiRequestException.BadRequest($"the options must be a JSON object, not {options.ValueKind.ToString().ToLowerInvariant()}.");
        }
        CheckFields(options, OptionFields);
        return Options(options, description, maxCount);
    }

    private static void CheckFields(JsonElement body, IReadOnlyList<string> fields)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw ApiRequestException.BadRequest($"unknown field '{property.Name}'; accepted fields: {string.Join(", ", fields)}.");
            }
        }
    }

    private static SuggestionRequest Options(JsonElement body, string description, int maxCount) => new(description)
    {
        Count = Count(body, maxCount),
        Tlds = Tlds(body),
        MaxLength = MaxLength(body),
        Style = Style(body),
        Include = Words(body, "include", WordPattern(), "a word of letters, digits and hyphens", trimDot: false),
        Exclude = Words(body, "exclude", WordPattern(), "a word of letters, digits and hyphens", trimDot: false),
        Language = Language(body),
    };

    /// <summary>A description that is text, not blank, and at most <paramref name="maxLength"/> characters (Unicode scalars).</summary>
    /// <exception cref="ApiRequestException">It is not.</exception>
    public static string CheckDescription(string? description, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw ApiRequestException.Unprocessable($"'{field}' is empty; describe the business.");
        }
        var length = description.EnumerateRunes().Count();
        if (length > maxLength)
        {
            throw ApiRequestException.Unprocessable($"'{field}' has {length} characters; at most {maxLength} are accepted.");
        }
        return description.Trim();
    }

    private static string Description(JsonElement body, string field, int maxLength)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiRequestException.Unprocessable($"'{field}' is required.");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(field, "a string", value);
        }
        return CheckDescription(value.GetString(), field, maxLength);
    }

    private static int Count(JsonElement body, int maxCount)
    {
        if (!body.TryGetProperty("count", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Math.Min(SuggestionRequest.DefaultCount, maxCount);
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count))
        {
            throw WrongType("count", "an integer", value);
        }
        if (count < 1 || count > maxCount)
        {
            throw ApiRequestException.Unprocessable($"'count' is {count}; it must be between 1 and {maxCount}.");
        }
        return (int)count;
    }

    /// <summary>Well-formed suffixes that are also public suffixes a name can be registered under ("co.uk" yes, "zz" no).</summary>
    private static List<string> Tlds(JsonElement body)
    {
        var tlds = Words(body, "tlds", TldPattern(), "a top-level domain such as 'com' or 'co.uk'", trimDot: true);
        foreach (var tld in tlds)
        {
            if (NameConstraints.TldProblem(tld) is { } problem)
            {
                throw ApiRequestException.Unprocessable($"'tlds' holds '{tld}', under which no name can be registered ({problem}).");
            }
        }
        return tlds;
    }

    private static int? MaxLength(JsonElement body)
    {
        if (!body.TryGetProperty("max_length", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var length))
        {
            throw WrongType("max_length", "an integer", value);
        }
        if (length < 1 || length > DomainSyntax.MaxLabelLength)
        {
            throw ApiRequestException.Unprocessable(string.Create(CultureInfo.InvariantCulture,
                $"'max_length' is {length}; it must be between 1 and {DomainSyntax.MaxLabelLength} (the label, without its top-level domain)."));
        }
        return (int)length;
    }

    private static List<string> Words(JsonElement body, string field, Regex pattern, string what, bool trimDot)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(field, "an array of strings", value);
        }
        var words = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw WrongType(field, "an array of strings", value);
            }
            var raw = item.GetString()!;
            var word = raw.Trim().ToLowerInvariant();
            if (trimDot)
            {
                word = word.TrimStart('.');
            }
            if (!pattern.IsMatch(word))
            {
                throw ApiRequestException.Unprocessable($"'{field}' holds '{raw}', which is not {what}.");
            }
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
            }
        }
        if (words.Count > MaxListItems)
        {
            throw ApiRequestException.Unprocessable($"'{field}' holds {words.Count} entries; at most {MaxListItems} are accepted.");
        }
        return words;
    }

    private static NameStyle? Style(JsonElement body)
    {
        if (!body.TryGetProperty("style", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType("style", "a string", value);
        }
        return value.GetString()!.Trim().ToLowerInvariant() switch
        {
            "brandable" => NameStyle.Brandable,
            "keyword" => NameStyle.Keyword,
            "short" => NameStyle.Short,
            var other => throw ApiRequestException.Unprocessable($"'style' is '{other}'; it must be 'brandable', 'keyword' or 'short'."),
        };
    }

    private static string? Language(JsonElement body)
    {
        if (!body.TryGetProperty("language", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType("language", "a string", value);
        }
        var tag = value.GetString()!.Trim();
        if (!LanguagePattern().IsMatch(tag))
        {
            throw ApiRequestException.Unprocessable($"'language' is '{tag}', which is not a language tag such as 'en' or 'pt-BR'.");
        }
        return tag;
    }

    private static ApiRequestException WrongType(string field, string expected, JsonElement value) =>
        ApiRequestException.BadRequest(string.Create(CultureInfo.InvariantCulture,
            $"'{field}' must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}."));

    [GeneratedRegex("^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?:\\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59}))?$")]
    private static partial Regex TldPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex WordPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$")]
    private static partial Regex LanguagePattern();
}
