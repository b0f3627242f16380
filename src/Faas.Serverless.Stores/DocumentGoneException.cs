namespace Faas.Serverless.Stores;

/// <summary>A spilled document's blob was deleted after its entity was read: the entity has been replaced since.</summary>
internal sealed class DocumentGoneException : Exception
{
    public DocumentGoneException()
        : base("The document's blob is gone; its entity changed since it was read.")
    {
    }

    public DocumentGoneException(string message)
        : base(message)
    {
    }

    public DocumentGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
