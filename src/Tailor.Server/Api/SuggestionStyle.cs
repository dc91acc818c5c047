namespace Tailor.Server.Api;

/// <summary>The kind of names a client asks for; carried through for suggesters that can honour it.</summary>
public enum SuggestionStyle
{
    /// <summary>Coined, memorable names (the default of most suggesters).</summary>
    Brandable,

    /// <summary>Names made of the description's keywords.</summary>
    Keyword,

    /// <summary>As short as possible.</summary>
#pragma warning disable CA1720 // The API's own word for the style.
    Short,
#pragma warning restore CA1720
}
