using Microsoft.Win32.SafeHandles;

namespace LoguStyle.Sinks;

/// <summary>
/// Opens the process's real stdout or stderr for the console sink, so that a write that is lost fails instead of
/// passing for written, and names what went wrong in words a user recognises.
/// </summary>
internal static class StandardStream
{
    // errno values, the same on Linux and macOS; .NET puts the errno of a failed write in the IOException's HResult.
    private const int BrokenPipe = 32;

    /// <summary>
    /// On Unix, a redirected stream that is not a regular file (a pipe, a socket, a closed descriptor) is written through
    /// a <see cref="FileStream"/> over its descriptor: .NET's console stream swallows EPIPE (<c>app | head -c 20</c>
    /// would count every record as written). A terminal and a regular file keep the console stream: a
    /// <see cref="FileStream"/> on a regular file writes with <c>pwrite</c> at its own offset, over what
    /// <c>Console.Out</c> writes to the same file.
    /// </summary>
    public static Stream Open(ConsoleOutput which)
    {
        var stderr = which == ConsoleOutput.Stderr;
        var console = stderr ? Console.OpenStandardError() : Console.OpenStandardOutput();
        var redirected = stderr ? Console.IsErrorRedirected : Console.IsOutputRedirected;
        if (OperatingSystem.IsWindows() || !redirected)
        {
            return console;
        }

        FileStream direct;
        try
        {
            direct = new FileStream(new SafeFileHandle(stderr ? 2 : 1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return console;
        }

        if (direct.CanSeek)
        {
            direct.Dispose();
            return console;
        }

        console.Dispose();
        return direct;
    }

    /// <summary>
    /// The error to report for a failed write to <paramref name="which"/>: a broken pipe or a closed descriptor said in
    /// words (.NET calls the second "Access to the path is denied"); anything else as it is.
    /// </summary>
    public static Exception Explain(Exception error, ConsoleOutput which)
    {
        var name = which == ConsoleOutput.Stderr ? "stderr" : "stdout";
        return error switch
        {
            IOException { HResult: BrokenPipe } => new IOException($"{name} is closed: the reader of its pipe has gone (EPIPE); this sink's records are lost", error),
            UnauthorizedAccessException => new IOException($"{name} is closed (EBADF: the process was started without it, as with '>&-', or it is not open for writing); this sink's records are lost", error),
            _ => error,
        };
    }
}
