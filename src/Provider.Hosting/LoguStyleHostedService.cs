using Microsoft.Extensions.Hosting;

namespace LoguStyle.Hosting;

/// <summary>
/// Flushes every sink when the host stops, and closes, rotates and compresses the active files of file sinks with
/// RotateOnShutdown, within the host's shutdown timeout (the token). It works in <see cref="StoppedAsync"/>, which the
/// host runs after every hosted service's <c>StopAsync</c>, so the application's last records are written too. The
/// provider's dispose, right after, drains anything logged later.
/// </summary>
internal sealed class LoguStyleHostedService : IHostedLifecycleService
{
    private readonly LoguStyleLoggerProvider _provider;

    public LoguStyleHostedService(LoguStyleLoggerProvider provider)
    {
        _provider = provider;
    }

    /// <summary>From here the host's lifetime turns SIGTERM, SIGINT and ProcessExit into a stop that ends in <see cref="StoppedAsync"/>.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _provider.HostOwnsExit();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _provider.ShutdownAsync(cancellationToken);
}
