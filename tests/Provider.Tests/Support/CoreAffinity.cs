using System.ComponentModel;
using System.Runtime.InteropServices;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Moves the calling thread onto one core (Linux's <c>sched_setaffinity</c>), so that a test decides which core, and with
/// it which lane of a file's queue (RenderedSegments), a logging call runs on, and when a thread moves to another.
/// </summary>
internal static class CoreAffinity
{
    /// <summary>The cores a test can put threads on: fails, saying so, on a machine of one core.</summary>
    public static int CoresForTwoLanes()
    {
        Assert.True(
            Environment.ProcessorCount >= 2,
            $"this test needs a machine of at least 2 cores to put logging threads on different cores (this one has {Environment.ProcessorCount})");
        return Environment.ProcessorCount;
    }

    /// <summary>Runs the calling thread on core <paramref name="core"/> only, from its next instruction.</summary>
    public static void Pin(int core)
    {
        var mask = new ulong[16];
        mask[core / 64] = 1UL << (core % 64);
        if (SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"sched_setaffinity to core {core} failed");
        }

        // The runtime's cached core number catches up within a few calls; yielding moves the thread now.
        Thread.Yield();
    }

    /// <summary>Lets the calling thread run on every core again.</summary>
    public static void Unpin()
    {
        var mask = new ulong[16];
        for (var core = 0; core < Environment.ProcessorCount; core++)
        {
            mask[core / 64] |= 1UL << (core % 64);
        }

        _ = SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask);
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nuint size, ulong[] mask);
}
