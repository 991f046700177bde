using System.Globalization;

namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>The calls <see cref="SlowCallWatch"/> noted, in an array made before the run (nothing is allocated on the timed path), and their file.</summary>
internal sealed class SlowCallList(int capacity)
{
    private const string Header = "start_ns\tns\ttid\tcollections\tafter_sleep";

    private readonly SlowCall[] _calls = new SlowCall[capacity];
    private int _count;

    /// <summary>Calls noted, including any past the list's capacity (which are not kept).</summary>
    public int Seen => Volatile.Read(ref _count);

    /// <summary>The calls kept, in the order they were noted.</summary>
    public IReadOnlyList<SlowCall> Calls => new ArraySegment<SlowCall>(_calls, 0, Math.Min(Seen, _calls.Length));

    public void Add(SlowCall call)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _calls.Length)
        {
            _calls[index] = call;
        }
    }

    /// <summary>A header, then one line a call: start (ns of the monotonic clock), length (ns), thread id, collections, after a sleep (1 or 0).</summary>
    public void Write(string path) =>
        File.WriteAllLines(path, [Header, .. Calls.Select(c => string.Create(
            CultureInfo.InvariantCulture,
            $"{c.StartNs}\t{c.Ns}\t{c.ThreadId}\t{c.Collections}\t{(c.AfterSleep ? 1 : 0)}"))]);

    /// <summary>The calls of a file <see cref="Write"/> made.</summary>
    public static List<SlowCall> Read(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(line => line.Split('\t')).Select(f => new SlowCall(
            long.Parse(f[0], CultureInfo.InvariantCulture),
            long.Parse(f[1], CultureInfo.InvariantCulture),
            int.Parse(f[2], CultureInfo.InvariantCulture),
            int.Parse(f[3], CultureInfo.InvariantCulture),
            f[4] == "1"))];
}
