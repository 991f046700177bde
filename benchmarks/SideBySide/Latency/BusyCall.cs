using System.Diagnostics;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// A call that only spins for a fixed time, touching no memory and taking no lock: whatever makes it take longer is
/// the machine's (interrupts, the hypervisor, the other threads of the load), not any logging code.
/// </summary>
internal readonly struct BusyCall(long ticks) : IPacedCall
{
    public void Call(int k)
    {
        var until = Stopwatch.GetTimestamp() + ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
        }
    }
}
