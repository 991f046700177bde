using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A reload that lands while the process ends (an edit of appsettings.json the configuration applies ~250 ms after the
/// save): the exit drain looks at the sinks when it begins and once after its flush, so a generation put in place after
/// that was never drained, ended nor flushed (an outside run: 2 of 20 exits 0.3-0.45 s after an edit lost each thread's
/// last records with no count). From the exit's start a reload applies nothing.
/// </summary>
public sealed class ExitDrainReloadTests
{
    [Fact]
    public void Drain_AReloadThatComesDuringTheExit_IsNotApplied_TheCallsAfterItGoToTheDrainedSinks()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        var provider = DrainedAfterOneRecord(folder, output, out var logger);
        try
        {

            provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(folder.File("late.log"), "late") { Format = "{message}" } } });
            logger.LogInformation("after");

            // The drained file writes and flushes each record from the exit's start: the call after the reload is in it.
            Assert.Equal("app", Assert.Single(provider.CurrentSinks).Name);
            Assert.Equal(["before", "after"], File.ReadAllLines(folder.File("app.log")));
            Assert.Contains("LoguStyle: the process is exiting; the configuration's change is not applied", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Drain_AReloadOfTheSameFileDuringTheExit_TheFileStillFlushesEachRecord_AndTheReloadOpensNothing()
    {
        // Found from outside: the refused reload had still built its sinks, and building one on the drained file's path
        // updated that file's settings, which turned off the exit's flush of each record: the calls after it were
        // counted written and left in the buffer for the process's end to take (10 of 10 runs lost 149-1,394 records).
        using var folder = new TempFolder();
        using var output = new StringWriter();
        var provider = DrainedAfterOneRecord(folder, output, out var logger);
        try
        {

            provider.Reconfigure(new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new FileSinkOptions(folder.File("app.log"), "app") { Format = "{message}", Level = LogLevel.Debug },
                    new FileSinkOptions(folder.File("added.log"), "added") { Format = "{message}" },
                },
            });
            logger.LogInformation("after");

            Assert.Equal(["before", "after"], File.ReadAllLines(folder.File("app.log")));
            Assert.False(File.Exists(folder.File("added.log")), "the refused reload opened the file of a sink it would have added");
        }
        finally
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void FlushEachRecordFromNow_ASettingsUpdateAfterIt_DoesNotTurnItOff()
    {
        // A reload that built its sinks just before the exit began (and is refused just after) updates the file's
        // settings after the exit asked for a flush of each record.
        using var folder = new TempFolder();
        var options = new LoguStyleLoggerOptions();
        options.Sinks.Add(new FileSinkOptions(folder.File("app.log"), "app") { Format = "{message}" });
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System);
        try
        {
            var logger = provider.CreateLogger("c");
            var file = Assert.IsType<LoguStyle.Sinks.FileSink>(Assert.Single(provider.CurrentSinks)).File;
            file.FlushEachRecordFromNow();
            file.Update(file.Settings with { AutoFlush = false });
            logger.LogInformation("after the update");

            Assert.Equal(["after the update"], File.ReadAllLines(folder.File("app.log")));
        }
        finally
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Drain_BeginsWhileAReloadBuildsItsSinks_TheReloadIsInPlaceFirst_AndItsNewFileIsDrained_NoEmptyFileLeft()
    {
        // Found from outside: an exit that began while a reload built its sinks refused the built generation, and the file
        // it had created for a sink it added stayed behind empty. The build is held here by a real blocking read: a TLS
        // syslog sink reads its CertificatePath, a named pipe, once when the options are checked and once when it is
        // built, after the file sink before it created late.log.
        using var folder = new TempFolder();
        using var output = new StringWriter();
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(1), DrainOnExit = false };
        options.Sinks.Add(new FileSinkOptions(folder.File("app.log"), "app") { Format = "{message}" });
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(output));
        var pipe = folder.File("ca.pipe");
        var authority = await File.ReadAllTextAsync(TestCertificates.Create(folder.Path).CaFile);
        Task Feed() => Task.Run(() => File.WriteAllText(pipe, authority));
        var reload = Task.CompletedTask;
        try
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("before");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe))
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            reload = Task.Run(() => provider.Reconfigure(new LoguStyleLoggerOptions
            {
                ExitTimeout = TimeSpan.FromSeconds(1),
                DrainOnExit = false,
                Sinks =
                {
                    new FileSinkOptions(folder.File("app.log"), "app") { Format = "{message}" },
                    new FileSinkOptions(folder.File("late.log"), "late") { Format = "{message}" },
                    new SyslogSinkOptions("tls") { Protocol = SyslogProtocol.Tls, Port = 1, CertificatePath = pipe },
                },
            }));
            await Feed().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(SpinWait.SpinUntil(() => File.Exists(folder.File("late.log")), TimeSpan.FromSeconds(30)), "the reload's build did not create late.log");

            // The exit begins while the build waits for the certificate; it waits for the build rather than refuse it.
            var exit = new Thread(() => LoguStyle.Pipeline.ExitDrain.Drain(provider, "exiting", processEnds: true));
            exit.Start();
            Assert.True(SpinWait.SpinUntil(() => (exit.ThreadState & ThreadState.WaitSleepJoin) != 0 || !exit.IsAlive, TimeSpan.FromSeconds(30)), "the exit drain did not begin");
            await Feed().WaitAsync(TimeSpan.FromSeconds(30));
            await reload.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(exit.Join(TimeSpan.FromSeconds(30)), "the exit drain did not end");

            logger.LogInformation("after");

            Assert.Equal(["app", "late", "tls"], provider.CurrentSinks.Select(sink => sink.Name).Order(StringComparer.Ordinal));
            Assert.Equal(["after"], File.ReadAllLines(folder.File("late.log")));
            Assert.Equal(["before", "after"], File.ReadAllLines(folder.File("app.log")));
            Assert.DoesNotContain("the configuration's change is not applied", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            // A build still reading the pipe holds the provider's lock, which its dispose takes.
            if (!reload.IsCompleted)
            {
                _ = Feed();
                await Task.WhenAny(reload, Task.Delay(TimeSpan.FromSeconds(30)));
            }

            provider.Dispose();
        }
    }

    // A provider with one direct file, app.log, that holds "before", whose process's exit drain has begun.
    private static LoguStyleLoggerProvider DrainedAfterOneRecord(TempFolder folder, StringWriter output, out ILogger logger)
    {
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(1), DrainOnExit = false };
        options.Sinks.Add(new FileSinkOptions(folder.File("app.log"), "app") { Format = "{message}" });
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(output));
        logger = provider.CreateLogger("c");
        logger.LogInformation("before");
        LoguStyle.Pipeline.ExitDrain.Drain(provider, "exiting", processEnds: true);
        return provider;
    }
}
