using System.Collections.Concurrent;
using LoguStyle.Files;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests;

/// <summary>Regressions found in review: re-entrant logging, flushes under load, stale levels after a reload.</summary>
public class ReentrancyTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ValueWhoseToStringLogs_DoesNotGarbleTheLineBeingWritten()
    {
        var path = _folder.File("app.log");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Format = "{message}" } } });
        var logger = provider.CreateLogger("c");
        var chatty = new Chatty(logger);

        logger.LogInformation("outer {Value} end", chatty);
        provider.Dispose();

        var lines = File.ReadAllLines(path);
        Assert.Contains("outer chatty end", lines);
        Assert.Contains("inner from ToString", lines);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task EnqueuedDelegateThatLogsIntoItsOwnFullQueue_DoesNotDeadlock()
    {
        var seen = new ConcurrentQueue<string>();
        ILogger? logger = null;
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new DelegateSinkOptions("echo", r =>
                    {
                        seen.Enqueue(r.Message);
                        if (r.Message.StartsWith("outer", StringComparison.Ordinal))
                        {
                            for (var i = 0; i < 10; i++)
                            {
                                logger!.LogInformation("echo {I}", i);
                            }
                        }
                    })
                    { Enqueue = true, QueueCapacity = 2 },
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        logger = provider.CreateLogger("c");

        for (var i = 0; i < 20; i++)
        {
            logger.LogInformation("outer {I}", i);
        }

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);

        Assert.Equal(20, seen.Count(m => m.StartsWith("outer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FlushAsync_WhileProducersKeepTheQueueBusy_Completes()
    {
        var path = _folder.File("busy.log");
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        });
        var logger = provider.CreateLogger("c");
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                logger.LogInformation("r{I}", i++);
            }
        });

        await Task.Delay(50);
        logger.LogInformation("marker");
        await provider.FlushAsync().WaitAsync(Deadline);
        await stop.CancelAsync();
        await producer;

        Assert.Contains("marker", File.ReadLines(path));
    }

    [Fact]
    public void IsEnabled_CategoryIdleDuringAReload_SeesTheNewLevels()
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new DelegateSinkOptions("d", _ => { }) { Filter = { ["Quiet"] = LogLevel.None } } },
        });
        var quiet = provider.CreateLogger("Quiet.Part");
        Assert.False(quiet.IsEnabled(LogLevel.Critical));

        provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", _ => { }) } });

        Assert.True(quiet.IsEnabled(LogLevel.Information));
    }

    private sealed class Chatty(ILogger logger)
    {
        public override string ToString()
        {
            logger.LogInformation("inner from ToString");
            return "chatty";
        }
    }
}
