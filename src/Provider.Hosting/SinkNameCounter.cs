using System.Globalization;

namespace LoguStyle.Hosting;

/// <summary>Hands out <c>sink1</c>, <c>sink2</c>, ... to sinks added in code without a name, once per service collection.</summary>
internal sealed class SinkNameCounter
{
    private int _count;

    /// <summary>The name <see cref="Next"/> would hand out, without taking it.</summary>
    public string Peek() => Name(Volatile.Read(ref _count) + 1);

    public string Next() => Name(Interlocked.Increment(ref _count));

    private static string Name(int number) => "sink" + number.ToString(CultureInfo.InvariantCulture);
}
