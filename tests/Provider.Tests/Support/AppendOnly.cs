using System.ComponentModel;
using System.Diagnostics;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Files and folders made append-only (<c>chattr +a</c>) for one test: a folder in which this process may append to
/// its files but not rename, delete or set attributes on them, a real "folder it cannot fully write" that binds root
/// too (file modes do not). Needs Linux, a file system with the flag (ext4 here) and the right to set it (root);
/// <see cref="TrySet"/> says why not, so the test can skip with it. Dispose clears the flag, so the folder can go.
/// </summary>
internal sealed class AppendOnly : IDisposable
{
    private readonly string[] _paths;

    private AppendOnly(string[] paths) => _paths = paths;

    public static AppendOnly? TrySet(out string whyNot, params string[] paths)
    {
        whyNot = string.Empty;
        if (!OperatingSystem.IsLinux())
        {
            whyNot = "chattr needs Linux";
            return null;
        }

        var (code, output) = Run("chattr", ["+a", .. paths]);
        if (code != 0)
        {
            whyNot = $"this machine does not allow chattr +a here (exit {code}: {output.Trim()})";
            return null;
        }

        return new AppendOnly(paths);
    }

    /// <summary>Clears the flag early (the folder heals).</summary>
    public void Clear() => Run("chattr", ["-a", .. _paths]);

    public void Dispose() => Clear();

    /// <summary>Runs a command to its end; returns its exit code and everything it printed (-1 when it cannot start).</summary>
    internal static (int Code, string Output) Run(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
