using System.Globalization;

namespace LoguStyle.Hosting;

/// <summary>Hands out <c>sink1</c>, <c>sink2</c>, ... to sinks added in code without a name, once per service collection.</summary>
internal sealed class SinkNameCounter
{
    private int _count;

    public string Next() => "sink" + Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture);
}
