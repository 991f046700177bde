using BenchmarkDotNet.Attributes;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Micro;

/// <summary>
/// The caller fields' share of a JSON line (issue 20): one record rendered by the formatter of a sink without
/// <c>CallerInfo: StackTrace</c> in each schema that has caller fields, without a caller (a plain MEL call: the
/// fields' check is all it pays) and with a Loguru-style call's caller.
/// </summary>
[MemoryDiagnoser]
public class JsonCallerBenchmarks
{
    private readonly Utf8Buffer _output = new(1024);
    private JsonLineFormatter _formatter = null!;
    private LogRecord _plain = null!;
    private LogRecord _withCaller = null!;

    [Params(JsonFormat.LoguStyle, JsonFormat.Ecs, JsonFormat.Otel)]
    public JsonFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _formatter = JsonLineFormatter.For(Format);
        _plain = Record(caller: false);
        _withCaller = Record(caller: true);
    }

    [Benchmark(Baseline = true, Description = "record without a caller")]
    public int Plain() => Render(_plain);

    [Benchmark(Description = "record with a Loguru-style caller")]
    public int WithCaller() => Render(_withCaller);

    private int Render(LogRecord record)
    {
        _output.Clear();
        _formatter.Render(record, _output);
        return _output.WrittenSpan.Length;
    }

    private static LogRecord Record(bool caller) =>
        new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), LogLevel.Information, "Bench", "User 42 bought 3 items for 29.97")
        {
            Template = Orders.Message,
            Properties = [new("UserId", 42), new("Count", 3), new("Price", 29.97m)],
            ThreadId = 7,
            ProcessId = 4242,
            CallerFunction = caller ? "Checkout" : null,
            CallerFilePath = caller ? "/src/Shop/Orders/Checkout.cs" : null,
            CallerLine = caller ? 42 : 0,
        };
}
