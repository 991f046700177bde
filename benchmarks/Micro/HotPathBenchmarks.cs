using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Micro;

/// <summary>
/// The cost of one call on the logging thread: disabled (MEL's floor vs LoguStyle), and enabled into each sink kind
/// (a file written on the caller, a file behind the queue, a text delegate), through the template API and
/// [LoggerMessage]. Allocation per call comes from the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logustyle-micro", Guid.NewGuid().ToString("N"));
    private ILoggerFactory _noOp = null!;
    private ILoggerFactory _disabled = null!;
    private ILoggerFactory _file = null!;
    private ILoggerFactory _queued = null!;
    private ILoggerFactory _text = null!;
    private ILogger _noOpLogger = null!;
    private ILogger _disabledLogger = null!;
    private ILogger _fileLogger = null!;
    private ILogger _queuedLogger = null!;
    private ILogger _textLogger = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _noOp = LoggerFactory.Create(b => b.AddProvider(new NoOpProvider(LogLevel.Information)));
        _disabled = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "disabled.log"))));
        _file = LoggerFactory.Create(b => b.AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "file.log"))));
        _queued = LoggerFactory.Create(b => b.AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "queued.log"), enqueue: true)));
        _text = LoggerFactory.Create(b => b.AddLoguStyle(log => log.AddTextSink(_ => { })));
        _noOpLogger = _noOp.CreateLogger("Bench");
        _disabledLogger = _disabled.CreateLogger("Bench");
        _fileLogger = _file.CreateLogger("Bench");
        _queuedLogger = _queued.CreateLogger("Bench");
        _textLogger = _text.CreateLogger("Bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var factory in new[] { _noOp, _disabled, _file, _queued, _text })
        {
            factory.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "disabled [LoggerMessage], no-op provider")]
    public void DisabledNoOp() => Orders.BoughtDebug(_noOpLogger, _i++, 3, 29.97m);

    [Benchmark(Description = "disabled [LoggerMessage], LoguStyle")]
    public void DisabledLoguStyle() => Orders.BoughtDebug(_disabledLogger, _i++, 3, 29.97m);

    [Benchmark(Description = "template, no-op provider")]
    public void TemplateNoOp() => _noOpLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "template, file (direct)")]
    public void TemplateFile() => _fileLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "template, file (enqueued)")]
    public void TemplateQueued() => _queuedLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "template, text delegate")]
    public void TemplateText() => _textLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "[LoggerMessage], file (direct)")]
    public void LoggerMessageFile() => Orders.Bought(_fileLogger, _i++, 3, 29.97m);

    [Benchmark(Description = "[LoggerMessage], file (enqueued)")]
    public void LoggerMessageQueued() => Orders.Bought(_queuedLogger, _i++, 3, 29.97m);
}
