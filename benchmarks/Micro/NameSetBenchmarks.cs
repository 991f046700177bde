using BenchmarkDotNet.Attributes;

namespace LoguStyle.Micro;

/// <summary>
/// Whether the linear search JsonObjectNames uses for objects of up to 16 names still beats a cleared
/// <see cref="HashSet{T}"/>. A JSON record's root object has about ten names; a props object, a few.
/// </summary>
public class NameSetBenchmarks
{
    private static readonly string[] Names = ["time", "level", "category", "eventId", "message", "template", "props", "thread", "traceId", "spanId"];
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly List<string> _list = [];

    [Params(3, 10)]
    public int Count { get; set; }

    [Benchmark(Baseline = true, Description = "HashSet")]
    public int Set()
    {
        _set.Clear();
        var added = 0;
        for (var i = 0; i < Count; i++)
        {
            added += _set.Add(Names[i]) ? 1 : 0;
        }

        return added;
    }

    [Benchmark(Description = "linear search")]
    public int Linear()
    {
        _list.Clear();
        var added = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!Contains(_list, Names[i]))
            {
                _list.Add(Names[i]);
                added++;
            }
        }

        return added;
    }

    private static bool Contains(List<string> names, string name)
    {
        foreach (var known in names)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
