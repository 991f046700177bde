using System.Diagnostics;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// The CPU time one timed run cost each side: this process (every thread: callers, the sink's writer, the runtime)
/// from the start until the sender closed, and rsyslogd from the start until it is read again, after its output settled.
/// On a machine of 2 cores both sides share the cores, so a side's rate follows what a record costs both of them.
/// </summary>
internal sealed class CpuTimes
{
    private readonly Process _receiver;
    private readonly TimeSpan _senderStart;
    private readonly TimeSpan _receiverStart;
    private TimeSpan _senderEnd;

    private CpuTimes(int receiverPid)
    {
        _receiver = Process.GetProcessById(receiverPid);
        _senderStart = Process.GetCurrentProcess().TotalProcessorTime;
        _receiverStart = _receiver.TotalProcessorTime;
    }

    public static CpuTimes Start(int receiverPid) => new(receiverPid);

    public void SenderDone() => _senderEnd = Process.GetCurrentProcess().TotalProcessorTime;

    public double SenderMicrosPer(long records) => (_senderEnd - _senderStart).TotalMicroseconds / records;

    /// <summary>Read when called: after the output settled, so rsyslogd has done the run's work (its idle wait costs ~nothing).</summary>
    public double ReceiverMicrosPer(long records)
    {
        _receiver.Refresh();
        return (_receiver.TotalProcessorTime - _receiverStart).TotalMicroseconds / records;
    }
}
