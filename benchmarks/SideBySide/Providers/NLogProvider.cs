using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using NLog.Targets;
using NLog.Targets.Wrappers;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// NLog's file target with the settings its docs list under performance tuning (<c>KeepFileOpen</c>, its default, and
/// <c>AutoFlush = false</c>: the default flushes every record), directly or behind an AsyncWrapper whose overflow
/// action is <c>Block</c> (its default, <c>Discard</c>, drops records when the 10,000 queue is full).
/// </summary>
internal sealed class NLogProvider(bool async) : IBenchProvider
{
    public string Name => async ? "nlog-async-block" : "nlog-file";

    public string Setup => async
        ? "AsyncTargetWrapper(FileTarget { KeepFileOpen, AutoFlush = false }) { OverflowAction = Block }"
        : "FileTarget { KeepFileOpen, AutoFlush = false }";

    public BenchLogging Create(string folder, LogLevel minimum)
    {
        var configuration = new NLog.Config.LoggingConfiguration(new NLog.LogFactory());
        var file = new FileTarget("file")
        {
            FileName = Path.Combine(folder, "nlog.log"),
            Layout = Formats.NLog,
            KeepFileOpen = true,
            AutoFlush = false,
        };
        Target target = async ? new AsyncTargetWrapper(file) { OverflowAction = AsyncTargetWrapperOverflowAction.Block } : file;
        configuration.AddRule(NLog.LogLevel.FromOrdinal((int)minimum), NLog.LogLevel.Fatal, target);
        configuration.LogFactory.Configuration = configuration;
        var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddNLog(configuration));
        return new BenchLogging(factory, () => configuration.LogFactory.Flush(TimeSpan.FromSeconds(30)));
    }
}
