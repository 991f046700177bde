using System.Diagnostics;
using System.Text;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) A real child process the test watches while it runs: waits for a line it prints,
/// kills it (SIGKILL on Unix), and waits for its exit, each with a deadline.
/// </summary>
internal sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly Lock _gate = new();

    private RunningProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToString();
            }
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; arguments...</c> in <paramref name="workingDirectory"/>, with extra environment variables.</summary>
    public static RunningProcess StartDotnet(string dll, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", [dll, .. arguments], workingDirectory, environment);

    /// <summary>Starts an executable (a Native AOT binary, say) in <paramref name="workingDirectory"/>, with extra environment variables.</summary>
    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = ChildProcessInfo.Create(fileName, arguments, workingDirectory);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (running._gate)
                {
                    running._lines.Add(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (running._gate)
                {
                    running._errors.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until the process printed a line matching <paramref name="match"/>; fails at the deadline or if it exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                // The exit is seen before the output readers have handed over the last lines: wait until both streams end
                // (WaitForExitAsync does), then look once more.
                await _process.WaitForExitAsync();
                if (Lines.FirstOrDefault(match) is { } last)
                {
                    return last;
                }

                throw new InvalidOperationException($"Process {Id} exited ({_process.ExitCode}) before printing the line. Output: {string.Join(" | ", Lines)} Errors: {StandardError}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Process {Id} did not print the line within {timeout}. Output: {string.Join(" | ", Lines)} Errors: {StandardError}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and fails at the deadline.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Process {Id} did not exit within {timeout}. Output: {string.Join(" | ", Lines)} Errors: {StandardError}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Sends a signal by name (<c>TERM</c>, <c>INT</c>, <c>HUP</c>) through a handle to this process (never to another
    /// that took its id after it exited); fails when it has exited already.
    /// </summary>
    public Task SignalAsync(string signal)
    {
        if (!ProcessSignal.Send(_process, signal))
        {
            throw new InvalidOperationException($"SIG{signal} not sent: process {Id} had exited already. Output: {string.Join(" | ", Lines)} Errors: {StandardError}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Kills the process at once (SIGKILL on Unix: no handler, no flush, no cleanup) and waits for it to be gone.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        _process.Kill();
        await WaitForExitAsync(timeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
