using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using NLog.Targets;
using NLog.Targets.Wrappers;

namespace LoguStyle.SideBySide.Providers;

/// <summary>NLog's file target (kept open, no per-record flush), directly or behind an AsyncWrapper that blocks when full.</summary>
internal sealed class NLogProvider(bool async) : IBenchProvider
{
    public string Name => async ? "nlog-async-block" : "nlog-file";

    public string Setup => async
        ? "AsyncTargetWrapper(FileTarget { KeepFileOpen, AutoFlush = false }, OverflowAction = Block)"
        : "FileTarget { KeepFileOpen, AutoFlush = false }";

    public bool MayDrop => false;

    public ILoggerFactory Create(string folder, LogLevel minimum)
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
        return LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddNLog(configuration));
    }
}
