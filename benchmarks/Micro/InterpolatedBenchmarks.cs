using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using ZLogger;

namespace LoguStyle.Micro;

/// <summary>
/// One interpolated call on the logging thread (issue 20.1): LoguStyle's <c>logger.Info($"...")</c> against the same
/// record through [LoggerMessage] and MEL's template API into the same direct file sink, and against ZLogger's
/// <c>ZLogInformation($"...")</c> into its file provider (its default setting: an unbounded queue, so its caller cost
/// leaves the writing to its thread); each also disabled. Allocation per call comes from the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
public class InterpolatedBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logustyle-micro", Guid.NewGuid().ToString("N"));
    private ILoggerFactory _loguStyle = null!;
    private ILoggerFactory _zLogger = null!;
    private ILogger _loguStyleLogger = null!;
    private ILogger _zLoggerLogger = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _loguStyle = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "logustyle.log"))));
        _zLogger = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddZLoggerFile(Path.Combine(_folder, "zlogger.log")));
        _loguStyleLogger = _loguStyle.CreateLogger("Bench");
        _zLoggerLogger = _zLogger.CreateLogger("Bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _loguStyle.Dispose();
        _zLogger.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "[LoggerMessage], LoguStyle file")]
    public void LoggerMessage() => Orders.Bought(_loguStyleLogger, _i++, 3, 29.97m);

    [Benchmark(Description = "template, LoguStyle file")]
    public void Template() => _loguStyleLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "Info($\"...\"), LoguStyle file")]
    public void Interpolated()
    {
        var userId = _i++;
        var count = 3;
        var price = 29.97m;
        _loguStyleLogger.Info($"User {userId} bought {count} items for {price}");
    }

    [Benchmark(Description = "ZLogInformation($\"...\"), ZLogger file")]
    public void ZLoggerInterpolated()
    {
        var userId = _i++;
        var count = 3;
        var price = 29.97m;
        _zLoggerLogger.ZLogInformation($"User {userId} bought {count} items for {price}");
    }

    [Benchmark(Description = "disabled Debug($\"...\"), LoguStyle")]
    public void InterpolatedDisabled()
    {
        var userId = _i++;
        _loguStyleLogger.Debug($"User {userId} bought {3} items for {29.97m}");
    }

    [Benchmark(Description = "disabled ZLogDebug($\"...\"), ZLogger")]
    public void ZLoggerDisabled()
    {
        var userId = _i++;
        _zLoggerLogger.ZLogDebug($"User {userId} bought {3} items for {29.97m}");
    }
}
