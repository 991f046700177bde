using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Micro;

/// <summary>
/// The price of <c>CallerInfo: StackTrace</c> (issue 20.2): a plain MEL template call into a direct file sink without
/// the key and with it (one stack walk per record, file and line read from this assembly's PDB), and a Loguru-style
/// <c>Info($"...")</c> into the sink with the key, which keeps its compiler-given caller and walks no stack.
/// </summary>
[MemoryDiagnoser]
public class CallerInfoBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logustyle-micro", Guid.NewGuid().ToString("N"));
    private ILoggerFactory _none = null!;
    private ILoggerFactory _stackTrace = null!;
    private ILogger _noneLogger = null!;
    private ILogger _stackTraceLogger = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _none = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "none.log"), sink => sink.Format = Format)));
        _stackTrace = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddLoguStyle(log => log.AddFile(Path.Combine(_folder, "stack.log"), sink =>
        {
            sink.Format = Format;
            sink.CallerInfo = CallerInfo.StackTrace;
        })));
        _noneLogger = _none.CreateLogger("Bench");
        _stackTraceLogger = _stackTrace.CreateLogger("Bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _none.Dispose();
        _stackTrace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private const string Format = "{time} | {level} | {category}:{function}:{line} - {message}";

    [Benchmark(Baseline = true, Description = "template, CallerInfo None")]
    public void TemplateNone() => _noneLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "template, CallerInfo StackTrace")]
    public void TemplateStackTrace() => _stackTraceLogger.LogInformation(Orders.Message, _i++, 3, 29.97m);

    [Benchmark(Description = "Info($\"...\"), CallerInfo StackTrace")]
    public void InterpolatedStackTrace()
    {
        var userId = _i++;
        var count = 3;
        var price = 29.97m;
        _stackTraceLogger.Info($"User {userId} bought {count} items for {price}");
    }
}
