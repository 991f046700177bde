using System.Diagnostics;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>
/// The public <see cref="LoguStyleLoggerProvider.FlushAsync"/> while a direct file sink's write never returns and holds
/// the file's lock (see <see cref="StuckFileWrite"/>): it flushed each sink on the caller's thread, so the call blocked on
/// the lock before it returned its task, and its token could not end the wait.
/// </summary>
public sealed class StuckFileFlushTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task FlushAsync_DirectFileSinkStuckInItsWrite_ReturnsItsTaskAtOnce_TheTokenEndsTheWait_NoRecordIsLost()
    {
        using var folder = new TempFolder();
        using var stuck = new StuckFileWrite();
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    stuck.Sink(folder.File("stuck.log"), "stuck"),
                    new FileSinkOptions(folder.File("app.log")) { Format = "{message}" },
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        stuck.Arm();
        var held = new Thread(() => logger.LogInformation("held")) { IsBackground = true };
        held.Start();
        Assert.True(stuck.WaitEntered(Deadline));
        try
        {
            using var cancel = new CancellationTokenSource();

            // Called on the pool: a call that blocks fails the test at the deadline instead of hanging it.
            var (flush, took) = await Task.Run(() =>
            {
                var clock = Stopwatch.StartNew();
                var task = provider.FlushAsync(cancel.Token);
                return (task, clock.Elapsed);
            }).WaitAsync(Deadline);
            Assert.True(took < TimeSpan.FromSeconds(1), $"FlushAsync took {took.TotalSeconds:0.00} s to return its task");
            Assert.False(flush.IsCompleted);

            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush.WaitAsync(Deadline));
        }
        finally
        {
            stuck.Release();
            held.Join(Deadline);
        }

        // The cancelled wait lost nothing: once the write returns, a flush completes and both files hold every record,
        // the held one too.
        await provider.FlushAsync().WaitAsync(Deadline);
        string[] expected = [.. Enumerable.Range(0, 100).Select(i => $"record {i}"), "held"];
        Assert.Equal(expected, File.ReadAllLines(folder.File("stuck.log")));
        Assert.Equal(expected, File.ReadAllLines(folder.File("app.log")));
    }
}
