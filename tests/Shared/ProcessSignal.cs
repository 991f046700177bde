using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) A handle to one process (a Linux pidfd) that sends it signals, and never another
/// process: a plain <c>kill pid</c> for a process that is gone signals whatever got its number since. Process ids
/// here wrap at 32,768 and a test run uses that many within minutes (every thread takes one), and Linux delivers a
/// signal sent to a thread's id to that thread's whole process: a stale <c>kill -KILL</c> can end the test host.
/// </summary>
internal sealed class ProcessSignal : IDisposable
{
    // The syscall numbers are the same on every Linux architecture (both were added after the tables were unified).
    private const long PidfdSendSignal = 424;
    private const long PidfdOpen = 434;
    private const int NoSuchProcess = 3; // ESRCH

    private readonly int _descriptor;
    private bool _disposed;

    private ProcessSignal(int descriptor, int processId)
    {
        _descriptor = descriptor;
        ProcessId = processId;
    }

    /// <summary>The process's id when the handle was opened.</summary>
    public int ProcessId { get; }

    /// <summary>
    /// Opens a handle to <paramref name="processId"/>, which must be alive now (just started, or a child not yet
    /// waited for); null when it is gone already.
    /// </summary>
    public static ProcessSignal? Open(int processId)
    {
        if (processId <= 0)
        {
            // 0 and negative ids name process groups: kill(0) would signal the test host's own group.
            throw new ArgumentOutOfRangeException(nameof(processId), processId, "not a process id");
        }

        var descriptor = (int)Syscall(PidfdOpen, processId, 0);
        if (descriptor >= 0)
        {
            return new ProcessSignal(descriptor, processId);
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess ? null : throw new InvalidOperationException($"pidfd_open({processId}) failed with errno {error}");
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to <paramref name="process"/>, a child this test started, if it is still
    /// running; false when it has exited already.
    /// </summary>
    public static bool Send(Process process, string signal)
    {
        if (process.HasExited)
        {
            return false;
        }

        // Not exited by .NET's account, so not yet reaped: the id is still this process's while the handle opens.
        using var handle = Open(process.Id);
        return handle is not null && handle.Send(signal);
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>INT</c>, <c>HUP</c>, <c>KILL</c>); false when the process has exited.</summary>
    public bool Send(string signal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Syscall(PidfdSendSignal, _descriptor, Number(signal), 0, 0) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess ? false : throw new InvalidOperationException($"pidfd_send_signal(SIG{signal}) to {ProcessId} failed with errno {error}");
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _ = Close(_descriptor);
        }
    }

    private static int Number(string signal) => signal switch
    {
        "HUP" => 1,
        "INT" => 2,
        "KILL" => 9,
        "TERM" => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "one of HUP, INT, KILL, TERM"),
    };

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int first, uint second);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int first, int second, nint third, uint fourth);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
