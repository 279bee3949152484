namespace CredWatch.Exporter.Stores;

/// <summary>Thrown inside readers to carry a bounded reason; caught by the reader and turned into a <see cref="StoreError"/>.</summary>
internal sealed class StoreReadException : Exception
{
    public StoreReadException()
    {
        Reason = StoreErrorReasons.ReadFailed;
    }

    public StoreReadException(string message)
        : base(message)
    {
        Reason = StoreErrorReasons.ReadFailed;
    }

    public StoreReadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = StoreErrorReasons.ReadFailed;
    }

    public StoreReadException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }

    public StoreError ToError() => new(Reason, Message);
}
