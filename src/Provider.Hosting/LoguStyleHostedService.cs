using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeSpan _shutdownTimeout;

    public LoguStyleHostedService(LoguStyleLoggerProvider provider, IHostApplicationLifetime lifetime, IOptions<HostOptions> hostOptions)
    {
        _provider = provider;
        _lifetime = lifetime;
        _shutdownTimeout = hostOptions.Value.ShutdownTimeout;
    }

    /// <summary>
    /// From here the host's lifetime turns SIGTERM, SIGINT and ProcessExit into a stop that ends in <see cref="StoppedAsync"/>;
    /// and from the moment the stop begins, logging calls wait for room in a full queue at most half the host's shutdown
    /// timeout (<see cref="LoguStyleLoggerProvider.HostStopping"/>).
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _provider.HostOwnsExit();

        // From here a reload closes the sinks it replaced within the host's shutdown timeout (unless DisposeTimeout is set).
        _provider.UseHostShutdownTimeout(_shutdownTimeout);

        // Registered after the host's lifetime registered its own callbacks (in WaitForStartAsync, before any hosted
        // service starts), and a token runs its callbacks last registered first: so this runs before the lifetime logs
        // "Application is shutting down...", a record that a stuck sink's full queue would otherwise hold for good.
        _lifetime.ApplicationStopping.Register(static state =>
        {
            var service = (LoguStyleHostedService)state!;
            service._provider.HostStopping(service._shutdownTimeout);
        }, this);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _provider.ShutdownAsync(cancellationToken);
}
