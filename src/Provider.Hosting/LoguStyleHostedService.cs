using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting;

/// <summary>
/// Flushes every sink when the host stops, and closes, rotates and compresses the active files of file sinks with
/// RotateOnShutdown, within the host's shutdown timeout (the token). It works in <see cref="StoppedAsync"/>, which the
/// host runs after every hosted service's <c>StopAsync</c>, so the application's last records are written too. The
/// provider's dispose, right after, drains anything logged later.
/// </summary>
internal sealed class LoguStyleHostedService : IHostedLifecycleService, IDisposable
{
    private readonly LoguStyleLoggerProvider _provider;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeSpan _shutdownTimeout;

    // Ends the watch of the host's stop (see WatchStopBegin) when the host is disposed without having stopped.
    private readonly ManualResetEvent _watchEnds = new(initialState: false);

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
        WatchStopBegin();
        return Task.CompletedTask;
    }

    /// <summary>The host is disposed: the watch of its stop, if it never stopped, ends.</summary>
    public void Dispose()
    {
        _watchEnds.Set();
        _watchEnds.Dispose();
    }

    /// <summary>
    /// The callback above runs only when the callbacks registered after it have returned: an application's own
    /// <c>ApplicationStopping</c> callback registered once the host runs (in a hosted service's StartAsync, the usual
    /// place) runs first, and one that joins its logging threads, asleep for room in a stuck sink's full queue, waited
    /// for a release that only this callback starts: the stop overran its shutdown timeout by the join's whole wait. The
    /// token's wait handle is set when the stop begins, before any callback runs; a thread of its own waits for it (the
    /// pool may be starved by the callers asleep for room) and starts the rule then. Both may run; the second changes
    /// nothing.
    /// </summary>
    private void WatchStopBegin()
    {
        var stopping = _lifetime.ApplicationStopping;
        if (!stopping.CanBeCanceled || _shutdownTimeout < TimeSpan.Zero)
        {
            return;
        }

        var stopBegan = stopping.WaitHandle;
        var watch = new Thread(
            () =>
            {
                try
                {
                    if (WaitHandle.WaitAny([stopBegan, _watchEnds]) == 0)
                    {
                        _provider.HostStopping(_shutdownTimeout);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // The host was disposed before the watch began to wait: there is no stop to watch.
                }
            },
            maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "LoguStyle: host stop watch",
        };
        watch.Start();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _provider.ShutdownAsync(cancellationToken);
}
