using System.Diagnostics;
using System.Text;

namespace LoguStyle.Testing;

/// <summary>(Shared by the test projects.) How the tests start a child process: redirected UTF-8 output, no shell.</summary>
internal static class ChildProcessInfo
{
    public static ProcessStartInfo Create(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
