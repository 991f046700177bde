using System.ComponentModel;
using System.Runtime.InteropServices;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Moves the calling thread onto one core (Linux's <c>sched_setaffinity</c>), so that a test decides which core, and with
/// it which lane of a file's queue (RenderedSegments), a logging call runs on, and when a thread moves to another. The
/// cores are the ones the process may use (a container may give it other numbers than 0 and 1).
/// </summary>
internal static class CoreAffinity
{
    private const int MaskWords = 16;
    private static readonly Lazy<int[]> Allowed = new(ReadAllowed);

    /// <summary>The cores a test can put threads on: fails, saying so, on a machine of one core.</summary>
    public static int CoresForTwoLanes()
    {
        var cores = Allowed.Value.Length;
        Assert.True(
            cores >= 2,
            $"this test needs at least 2 cores to put logging threads on different cores (this process may use {cores})");
        return cores;
    }

    /// <summary>Runs the calling thread on the <paramref name="core"/>-th core the process may use, from its next instruction.</summary>
    public static void Pin(int core)
    {
        var cpu = Allowed.Value[core % Allowed.Value.Length];
        var mask = new ulong[MaskWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"sched_setaffinity to cpu {cpu} failed");
        }

        // Yielding moves the thread now; the runtime's cached core number catches up within a few calls.
        Thread.Yield();
    }

    /// <summary>Lets the calling thread run on every core the process may use again.</summary>
    public static void Unpin()
    {
        var mask = new ulong[MaskWords];
        foreach (var cpu in Allowed.Value)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        _ = SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask);
    }

    private static int[] ReadAllowed()
    {
        var mask = new ulong[MaskWords];
        if (SchedGetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "sched_getaffinity failed");
        }

        return [.. Enumerable.Range(0, MaskWords * 64).Where(cpu => (mask[cpu / 64] & (1UL << (cpu % 64))) != 0)];
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nuint size, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static extern int SchedGetAffinity(int pid, nuint size, ulong[] mask);
}
