using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tailor.Server;

/// <summary>How the server writes JSON: property names as declared, nulls left out.</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
