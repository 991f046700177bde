using Microsoft.Extensions.Logging;

namespace LoguStyle.InProcessAb;

/// <summary>One build's logger, its provider's flush, and the container that owns (and at the end drains) it.</summary>
internal sealed class LoggingSession(ILogger logger, Action flush, IDisposable owner) : IDisposable
{
    public ILogger Logger => logger;

    /// <summary>Returns once every record logged so far is written and flushed (the provider's FlushAsync).</summary>
    public void Flush() => flush();

    public void Dispose() => owner.Dispose();
}
