using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoguStyle.SideBySide;

/// <summary>
/// How long a cache line takes to go from one core to the other and back: two threads pass a counter between them.
/// On this VM it changes several-fold from time to time (the host places the two virtual cores near or far apart), and
/// setups that hand every record from one thread to another run slower in the far state. The runner measures it
/// before each run, so a row can be read with the state it ran in.
/// </summary>
internal static class CrossCoreLatency
{
    private const int RoundTrips = 200_000;

    public static double RoundTripNs()
    {
        var line = new PaddedLong();
        var other = new Thread(() =>
        {
            for (long i = 0; i < RoundTrips; i++)
            {
                // Both threads spin (the machine has two cores and nothing else runs between the runs): a yield
                // would measure the scheduler instead of the cache line.
                while (Volatile.Read(ref line.Value) != (2 * i) + 1)
                {
                }

                Volatile.Write(ref line.Value, (2 * i) + 2);
            }
        })
        { IsBackground = true };
        other.Start();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < RoundTrips; i++)
        {
            Volatile.Write(ref line.Value, (2 * i) + 1);
            while (Volatile.Read(ref line.Value) != (2 * i) + 2)
            {
            }
        }

        var elapsed = clock.Elapsed;
        other.Join();
        return elapsed.TotalNanoseconds / RoundTrips;
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private sealed class PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
