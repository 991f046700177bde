using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-waiting &lt;capacity&gt;</c>: <c>Environment.Exit(3)</c> while four threads wait for room in an enqueued
/// <c>Wait</c>-mode sink "stuck" of that capacity, which never returns from its first record. Each thread logs until the
/// exit is near, then stops once its call returns, so no call comes after the exit's give-up. ExitTimeout 1 s. Prints
/// "logged N" (every call begun, the four waiting ones too) just before the exit.
/// </summary>
internal static class ExitWhileWaiting
{
    private const int Threads = 4;

    public static int Run(int capacity)
    {
        using var entered = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var provider = StuckQueueProvider.Create(capacity, entered, never);
        var logger = provider.CreateLogger("TestApp");
        var begun = new long[Threads];
        var returned = new long[Threads];
        var stop = 0;
        for (var t = 0; t < Threads; t++)
        {
            var index = t;
            new Thread(() =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    Interlocked.Increment(ref begun[index]);
                    logger.LogInformation("record {Thread}", index.ToString(CultureInfo.InvariantCulture));
                    Interlocked.Increment(ref returned[index]);
                }
            }) { IsBackground = true }.Start();
        }

        entered.Wait();

        // Every thread inside a call that cannot return, and the queue full: the sink holds one record and the queue
        // its capacity, so exactly capacity + 1 calls returned. Then the threads wait for room (or are about to).
        var spin = new SpinWait();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Enumerable.Range(0, Threads).Any(t => Interlocked.Read(ref begun[t]) != Interlocked.Read(ref returned[t]) + 1)
            || Sum(returned) != capacity + 1)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine($"the threads did not all wait within 30 s: begun {string.Join(' ', begun)}, returned {string.Join(' ', returned)}");
                return 4;
            }

            spin.SpinOnce();
        }

        Volatile.Write(ref stop, 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged {Sum(begun)}"));
        Environment.Exit(3);
        return 3;
    }

    private static long Sum(long[] counts)
    {
        long sum = 0;
        for (var t = 0; t < counts.Length; t++)
        {
            sum += Interlocked.Read(ref counts[t]);
        }

        return sum;
    }
}
