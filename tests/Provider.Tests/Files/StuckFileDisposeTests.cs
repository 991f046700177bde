using System.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Dispose while a direct file sink's write never returns and holds the file's lock (see <see cref="StuckFileWrite"/>).
/// </summary>
public sealed class StuckFileDisposeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Dispose flushed and closed each sink on its own thread before its bound applied: the stuck file's flush waited for
    /// the lock, and dispose never returned (review16 #2, DisposeSinkAsync).
    /// </summary>
    [Fact]
    public async Task Dispose_DirectFileSinkStuckInItsWrite_ReturnsWithinTheBound_TheFileBesideItKeepsEveryRecord()
    {
        using var folder = new TempFolder();
        using var stuck = new StuckFileWrite();
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                DisposeTimeout = TimeSpan.FromSeconds(1),
                Sinks =
                {
                    stuck.Sink(folder.File("stuck.log"), "stuck"),
                    new FileSinkOptions(folder.File("app.log")) { Format = "{message}" },
                },
            },
            TimeProvider.System,
            TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        stuck.Arm();
        var held = Task.Run(() => logger.LogInformation("held"));
        Assert.True(stuck.WaitEntered(Deadline));
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.Run(provider.Dispose).WaitAsync(Deadline);
            var took = clock.Elapsed;

            // The bound and a second and a half for a loaded machine.
            Assert.True(took < TimeSpan.FromSeconds(2.5), $"dispose took {took.TotalSeconds:0.00} s");
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"record {i}"), File.ReadAllLines(folder.File("app.log")));
            Assert.Contains("logging calls were still writing to the sinks being disposed after 1 s", errors.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            // The stuck write returns; the file closes then.
            stuck.Release();
            await held.WaitAsync(Deadline);
        }
    }
}
