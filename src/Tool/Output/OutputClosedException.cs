namespace LoguStyle.Tool.Output;

/// <summary>The reader of logu's output went away (<c>logu view x | head -1</c>): logu stops quietly with exit code 0.</summary>
internal sealed class OutputClosedException : Exception
{
    public OutputClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputClosedException()
    {
    }

    public OutputClosedException(string message)
        : base(message)
    {
    }
}
