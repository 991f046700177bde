using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// A background service whose drain, begun when the host begins to stop, gives up after <see cref="DrainBound"/> (most
/// of the host's shutdown timeout), logs an Error and throws: the host then logs its own records late in the stop
/// ("BackgroundService failed" and the StopHost line after it, one right after the other, and "Hosting stopped").
/// </summary>
internal sealed class SlowDrainService(IHostApplicationLifetime lifetime, ILogger<SlowDrainService> logger) : BackgroundService
{
    public const string Failure = "the drain did not finish within its bound";

    /// <summary>How long after the host began to stop the drain gives up.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(1.5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Timed from the host's ApplicationStopping, not from this service's StopAsync: stuck sinks may hold the thread
        // that runs the stop before the host calls it. The bound is the drain's own timer, not a sleep.
        using var drain = new CancellationTokenSource();
        var gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStopping.Register(static state => ((CancellationTokenSource)state!).CancelAfter(DrainBound), drain))
        using (drain.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), gaveUp))
        {
            await gaveUp.Task;
        }

        logger.LogError(Failure);
        throw new InvalidOperationException(Failure);
    }
}
