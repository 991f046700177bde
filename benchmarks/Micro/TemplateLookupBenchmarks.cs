using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace LoguStyle.Micro;

/// <summary>
/// Whether the table of template strings by identity that MessageTemplate.For asks before its dictionary still beats
/// the dictionary alone (which hashes the text every call). The template is the hot-path benchmarks' own.
/// </summary>
public class TemplateLookupBenchmarks
{
    private readonly ConcurrentDictionary<string, object> _cache = new(StringComparer.Ordinal);
    private readonly (string Text, object Parsed)?[] _seen = new (string, object)?[256];

    [GlobalSetup]
    public void Setup() => _cache[Orders.Message] = new object();

    [Benchmark(Baseline = true, Description = "dictionary")]
    public object Dictionary() => _cache[Orders.Message];

    [Benchmark(Description = "identity table, then dictionary")]
    public object IdentityFirst()
    {
        ref var seen = ref _seen[RuntimeHelpers.GetHashCode(Orders.Message) & (_seen.Length - 1)];
        if (seen is { } last && ReferenceEquals(last.Text, Orders.Message))
        {
            return last.Parsed;
        }

        var parsed = _cache[Orders.Message];
        seen = (Orders.Message, parsed);
        return parsed;
    }
}
