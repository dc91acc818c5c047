namespace Tailor.Domains;

/// <summary>Bad domain data or a failed data job; the message names the file and line where there is one.</summary>
public sealed class DomainDataException : Exception
{
    public DomainDataException(string message)
        : base(message)
    {
    }

    public DomainDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainDataException()
    {
    }
}
