using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using NLog.Targets.Wrappers;
using Serilog;
using ZLogger;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// Every queue the slow-consumer scenario puts in front of the slow sink: LoguStyle's in each <see cref="QueueFullMode"/>
/// (all values, so a renamed or added mode shows up), ZLogger's in each of its full modes, NLog's AsyncWrapper in each
/// overflow action, Serilog.Sinks.Async blocking and dropping. Each with its default capacity.
/// </summary>
internal static class SlowSetups
{
    public static IReadOnlyList<SlowSetup> All { get; } =
    [
        .. Enum.GetValues<QueueFullMode>().Select(mode => new SlowSetup(
            $"logustyle-enqueued {mode}",
            $"AddSink(new DelegateSinkOptions(name, write) {{ Enqueue = true, QueueFullMode = {mode} }})",
            sink => LoguStyle(sink, mode))),
        .. Enum.GetValues<BackgroundBufferFullMode>().Select(mode => new SlowSetup(
            $"zlogger {mode}",
            $"AddZLoggerStream(stream, options => options.FullMode = {mode})",
            sink => ZLogger(sink, mode))),
        .. Enum.GetValues<AsyncTargetWrapperOverflowAction>().Select(action => new SlowSetup(
            $"nlog-async {action}",
            $"AsyncTargetWrapper(target) {{ OverflowAction = {action} }}",
            sink => NLog(sink, action))),
        .. new[] { true, false }.Select(block => new SlowSetup(
            block ? "serilog-async block" : "serilog-async drop",
            $"WriteTo.Async(a => a.Sink(sink), blockWhenFull: {(block ? "true" : "false")})",
            sink => Serilog(sink, block))),
    ];

    public static SlowSetup Find(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown slow setup '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");

    private static BenchLogging LoguStyle(SlowSink sink, QueueFullMode mode)
    {
        var container = new ServiceCollection().AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddLoguStyle(log => log.AddSink(new DelegateSinkOptions("slow", _ => sink.Take()) { Enqueue = true, QueueFullMode = mode })))
            .BuildServiceProvider();
        return new BenchLogging(container.GetRequiredService<ILoggerFactory>(), owner: container);
    }

    private static BenchLogging ZLogger(SlowSink sink, BackgroundBufferFullMode mode) => new(LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddZLoggerStream(new SlowStream(sink), options =>
        {
            options.FullMode = mode;
            options.UsePlainTextFormatter();
        })));

    private static BenchLogging NLog(SlowSink sink, AsyncTargetWrapperOverflowAction action)
    {
        var configuration = new global::NLog.Config.LoggingConfiguration(new global::NLog.LogFactory());
        var target = new AsyncTargetWrapper(new SlowNLogTarget(sink)) { OverflowAction = action };
        configuration.AddRule(global::NLog.LogLevel.Info, global::NLog.LogLevel.Fatal, target);
        configuration.LogFactory.Configuration = configuration;
        return new BenchLogging(LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddNLog(configuration)));
    }

    private static BenchLogging Serilog(SlowSink sink, bool block)
    {
        var logger = new LoggerConfiguration().WriteTo.Async(a => a.Sink(new SlowSerilogSink(sink)), blockWhenFull: block).CreateLogger();
        return new BenchLogging(LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddSerilog(logger, dispose: true)));
    }
}
