namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>How strongly the endpoint is asked to answer in JSON; not every server supports every mode.</summary>
public enum TeacherStructuredOutput
{
    /// <summary>Only the prompt asks for JSON.</summary>
    None,

    /// <summary>JSON mode: any JSON object ("response_format": {"type": "json_object"}).</summary>
    JsonObject,

    /// <summary>A JSON schema per step ("response_format": {"type": "json_schema", ...}).</summary>
    JsonSchema,
}
