using System.Diagnostics;
using System.Globalization;

namespace LoguStyle.SideBySide;

/// <summary>Runs this program again as a child (one provider, one setting) and reads the JSON it leaves behind.</summary>
internal static class ChildRun
{
    /// <summary>A fresh folder for one child's output; the caller deletes it.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "logustyle-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Runs <c>dotnet LoguStyle.SideBySide.dll arguments... result.json</c> with its stdout in <c>folder/stdout.log</c>
    /// and returns the text of <c>folder/result.json</c>.
    /// </summary>
    // Each child starts after `sync`: the previous run's hundreds of megabytes of dirty pages would otherwise still be
    // written back, throttling the next run's writes (a writer thread suffers most, so queued setups would be
    // measured against the previous run's disk traffic).
    public static string Run(string folder, params string[] arguments)
    {
        var result = Path.Combine(folder, "result.json");
        var stdout = Path.Combine(folder, "stdout.log");
        var self = typeof(ChildRun).Assembly.Location;
        var quoted = string.Join(' ', arguments.Append(result).Select(a => $"'{a}'"));
        var command = string.Create(CultureInfo.InvariantCulture, $"sync; exec dotnet '{self}' {quoted} > '{stdout}'");
        using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command }, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(result))
        {
            throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        }

        return File.ReadAllText(result);
    }
}
