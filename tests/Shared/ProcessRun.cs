using System.Diagnostics;

namespace LoguStyle.Testing;

/// <summary>Runs a real process to completion (with a deadline) and keeps what it printed.</summary>
internal sealed record ProcessRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ProcessRun> StartAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var info = ChildProcessInfo.Create(fileName, arguments, workingDirectory);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not exit within {timeout}. Output so far: {await stdout}");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
