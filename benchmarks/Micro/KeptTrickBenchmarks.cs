using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LoguStyle.Formatting;
using LoguStyle.Pipeline;

namespace LoguStyle.Micro;

/// <summary>
/// The hot path's hand-made pieces that stay, each against the plain call it replaces (the baseline of its category):
/// the time text cached per second with its milliseconds written by hand (TimeFormatCache), decimals written from their
/// unscaled value (DecimalText), the local offset looked up once per quarter hour (LocalClock). A piece whose ratio is
/// within the run-to-run spread should give way to the plain call.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class KeptTrickBenchmarks
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";
    private readonly Utf8Buffer _buffer = new(256);
    private readonly TimeFormatCache _timeCache = new(TimeFormat);
    private readonly LocalClock _clock = new();
    private readonly TimeProvider _system = TimeProvider.System;
    private readonly byte[] _bytes = new byte[64];
    private readonly DateTimeOffset _time = DateTimeOffset.Now;

    [Benchmark(Baseline = true, Description = "DateTimeOffset.TryFormat")]
    [BenchmarkCategory("time text")]
    public bool TimePlain() => _time.TryFormat(_bytes, out _, TimeFormat, CultureInfo.InvariantCulture);

    [Benchmark(Description = "TimeFormatCache, same second")]
    [BenchmarkCategory("time text")]
    public int TimeCached()
    {
        _buffer.Clear();
        _timeCache.Write(_buffer, _time, 0);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "decimal.TryFormat")]
    [BenchmarkCategory("decimal")]
    public bool DecimalPlain() => 29.97m.TryFormat(_bytes, out _, default, CultureInfo.InvariantCulture);

    [Benchmark(Description = "DecimalText")]
    [BenchmarkCategory("decimal")]
    public bool DecimalOwn() => DecimalText.TryWrite(29.97m, _bytes, out _);

    [Benchmark(Baseline = true, Description = "DateTimeOffset.Now")]
    [BenchmarkCategory("clock")]
    public DateTimeOffset ClockPlain() => _system.GetLocalNow();

    [Benchmark(Description = "LocalClock")]
    [BenchmarkCategory("clock")]
    public DateTimeOffset ClockOwn() => _clock.Now();
}
