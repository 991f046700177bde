using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide;

/// <summary>
/// A provider's factory with the two things the runner needs beside it: the provider's own flush (where it has one),
/// called before the runner waits for the warm-up to reach the file, and what to dispose at the end.
/// </summary>
internal sealed class BenchLogging(ILoggerFactory factory, Action? flush = null, IDisposable? owner = null) : IDisposable
{
    public ILoggerFactory Factory => factory;

    /// <summary>Asks the provider to write what it holds; a no-op for a provider without a flush.</summary>
    public void Flush() => flush?.Invoke();

    /// <summary>Disposes the factory (and what owns it), which drains and closes every provider.</summary>
    public void Dispose()
    {
        if (owner is null)
        {
            factory.Dispose();
        }
        else
        {
            // The owner (a service provider) disposes the factory and the providers it created.
            owner.Dispose();
        }
    }
}
