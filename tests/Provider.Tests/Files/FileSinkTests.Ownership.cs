using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Retention and start-up recovery touch only the files a sink can prove it wrote (issue 13, item 1): never a file
/// whose name merely starts like the sink's, and never the active file of another sink.
/// </summary>
public partial class FileSinkTests
{
    [Fact]
    public void Ownership_DailySinkWithGz_LeavesAnotherSinksActiveFileAndAnUnrelatedFileAlone()
    {
        File.WriteAllText(_folder.File("app_2026-11-23.log"), "yesterday\n");

        LogBesideAnErrorSinkAndAnAuditFile(s =>
        {
            s.Rotation = "00:00";
            s.Compression = "gz";
        });

        Assert.Equal(["app_2026-11-23.log.gz", "app_2026-11-24.log", "app_audit.log", "app_errors.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("audit trail\n", File.ReadAllText(_folder.File("app_audit.log")));
        Assert.Equal("earlier error\nfailure\n", File.ReadAllText(_folder.File("app_errors.log")));
        Assert.Equal("yesterday\n", LogFolder.Read(_folder.File("app_2026-11-23.log.gz")));
        Assert.Equal("today\nfailure\n", File.ReadAllText(_folder.File("app_2026-11-24.log")));
    }

    [Fact]
    public void Ownership_DailySinkWithRetentionOne_DeletesOnlyItsOwnOlderFile()
    {
        File.WriteAllText(_folder.File("app_2026-11-22.log"), "two days ago\n");
        File.WriteAllText(_folder.File("app_2026-11-23.log"), "yesterday\n");
        File.SetLastWriteTimeUtc(_folder.File("app_2026-11-22.log"), _time.GetUtcNow().AddDays(-2).UtcDateTime);
        File.SetLastWriteTimeUtc(_folder.File("app_2026-11-23.log"), _time.GetUtcNow().AddDays(-1).UtcDateTime);

        LogBesideAnErrorSinkAndAnAuditFile(s =>
        {
            s.Rotation = "00:00";
            s.Retention = 1;
        });

        Assert.Equal(["app_2026-11-23.log", "app_2026-11-24.log", "app_audit.log", "app_errors.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("audit trail\n", File.ReadAllText(_folder.File("app_audit.log")));
        Assert.Equal("earlier error\nfailure\n", File.ReadAllText(_folder.File("app_errors.log")));
    }

    [Fact]
    public void Ownership_TwoProviders_ASinkNeverArchivesTheOtherProvidersActiveFile()
    {
        // The second provider's fixed path looks like a day file of the first: only the file registry, which knows the
        // files open in this process, can tell that it is active.
        var lookAlike = _folder.File("app_2026-11-20.log");
        using var other = Provider(Sink(path: lookAlike));
        other.CreateLogger("c").LogInformation("other provider");

        using (var provider = Provider(Sink(s => s.Compression = "gz", _folder.File("app_{time:yyyy-MM-dd}.log"))))
        {
            provider.CreateLogger("c").LogInformation("today");
        }

        other.CreateLogger("c").LogInformation("still there");
        other.Dispose();
        Assert.Equal(["app_2026-11-20.log", "app_2026-11-24.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("other provider\nstill there\n", File.ReadAllText(lookAlike));
    }

    [Fact]
    public void Ownership_FixedPathSink_LeavesArchivesOfItsActiveNameThatItNeverWrote()
    {
        // A fixed path's closed files always carry a stamp: `app.log.gz` and the like were made by someone else.
        string[] foreign = ["app.log.gz", "app.log.zip", "app.log.br", "app.log.gz.part", "app.log.part"];
        foreach (var name in foreign)
        {
            File.WriteAllText(_folder.File(name), "not the sink's\n");
            File.SetLastWriteTimeUtc(_folder.File(name), _time.GetUtcNow().AddDays(-30).UtcDateTime);
        }

        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "5 B";
            s.Retention = 1;
            s.Compression = "gz";
        })))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 5; i++)
            {
                logger.LogInformation("record {I}", i);
            }
        }

        Assert.All(foreign, name => Assert.Equal("not the sink's\n", File.ReadAllText(_folder.File(name))));
        Assert.Equal(foreign.Length + 2, LogFolder.Names(_folder.Path).Length);
    }

    /// <summary>
    /// The folder: a daily sink <c>app_{time:yyyy-MM-dd}.log</c>, an error sink <c>app_errors.log</c> (with a
    /// file from an earlier run) and an unrelated <c>app_audit.log</c>; one record to each sink.
    /// </summary>
    private void LogBesideAnErrorSinkAndAnAuditFile(Action<FileSinkOptions> daily)
    {
        File.WriteAllText(_folder.File("app_audit.log"), "audit trail\n");
        File.WriteAllText(_folder.File("app_errors.log"), "earlier error\n");
        using var provider = ProviderOf(
            Sink(daily, _folder.File("app_{time:yyyy-MM-dd}.log")),
            Sink(s => s.Level = LogLevel.Error, _folder.File("app_errors.log")));
        var logger = provider.CreateLogger("c");
        logger.LogInformation("today");
        logger.LogError("failure");
    }

    private LoguStyleLoggerProvider ProviderOf(params FileSinkOptions[] sinks)
    {
        var options = new LoguStyleLoggerOptions();
        foreach (var sink in sinks)
        {
            options.Sinks.Add(sink);
        }

        return new LoguStyleLoggerProvider(options, _time, TextWriter.Null);
    }
}
