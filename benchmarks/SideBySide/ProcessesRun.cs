using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide;

/// <summary>
/// Several processes writing one shared file (<c>Shared: true</c>) against the same processes writing a file each:
/// each child warms up, waits for "go", logs its records and disposes; the run is timed from "go" to the last exit,
/// and the lines in the files are counted afterwards (nothing may be missing).
/// </summary>
internal static class ProcessesRun
{
    private const int WarmUpCalls = 300_000;

    /// <summary>The child: <c>writer shared|separate direct|enqueued folder index calls</c>.</summary>
    public static int Writer(string layout, string mode, string folder, int index, long calls)
    {
        var shared = layout == "shared";
        var path = Path.Combine(folder, shared ? "app.log" : $"app-{index}.log");
        using (var factory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddLoguStyle(log => log.AddFile(path, file => { file.Format = Formats.LoguStyle; file.Enqueue = mode == "enqueued"; file.Shared = shared; }))))
        {
            var logger = factory.CreateLogger("Bench.Orders");
            for (var i = 0; i < WarmUpCalls; i++)
            {
                Orders.LogTemplate(logger, i);
            }

            Console.WriteLine("ready");
            _ = Console.ReadLine();
            for (var i = 0; i < calls; i++)
            {
                Orders.LogTemplate(logger, i);
            }
        }

        Console.WriteLine("done");
        return 0;
    }

    /// <summary>The orchestrator: every layout and mode, <paramref name="repeats"/> times, median reported.</summary>
    public static void RunAll(long calls, int repeats, int processes)
    {
        Console.WriteLine($"{processes} processes x {calls:N0} records each, median of {repeats}");
        Console.WriteLine();
        Console.WriteLine("| sink | 4 files, one per process | one shared file | shared / separate time |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var mode in new[] { "direct", "enqueued" })
        {
            var separate = Median(Enumerable.Range(0, repeats).Select(_ => Once("separate", mode, calls, processes)));
            var shared = Median(Enumerable.Range(0, repeats).Select(_ => Once("shared", mode, calls, processes)));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {mode} | {processes * calls / separate.TotalSeconds / 1e6:0.00} M records/s ({separate.TotalMilliseconds:0} ms) | {processes * calls / shared.TotalSeconds / 1e6:0.00} M records/s ({shared.TotalMilliseconds:0} ms) | {shared / separate:0.00}x |"));
        }
    }

    private static TimeSpan Once(string layout, string mode, long calls, int processes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "logustyle-processes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var children = Enumerable.Range(0, processes).Select(i => Start(layout, mode, folder, i, calls)).ToList();
        try
        {
            foreach (var child in children)
            {
                Expect(child, "ready");
            }

            var clock = Stopwatch.StartNew();
            children.ForEach(c => c.StandardInput.WriteLine("go"));
            foreach (var child in children)
            {
                Expect(child, "done");
                child.WaitForExit();
            }

            var elapsed = clock.Elapsed;
            var lines = Directory.GetFiles(folder, "*.log").Sum(f => File.ReadLines(f).LongCount());
            var expected = processes * (calls + WarmUpCalls);
            if (lines != expected)
            {
                throw new InvalidOperationException($"{layout} {mode}: {lines} lines in the files, {expected} logged");
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {layout} {mode}: {elapsed.TotalMilliseconds:0} ms, {lines:N0} lines"));
            return elapsed;
        }
        finally
        {
            children.ForEach(c => c.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(string layout, string mode, string folder, int index, long calls)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(ProcessesRun).Assembly.Location, "writer", layout, mode, folder, index.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start a writer");
    }

    private static void Expect(Process child, string line)
    {
        var read = child.StandardOutput.ReadLine();
        if (read != line)
        {
            throw new InvalidOperationException($"writer {child.Id} printed '{read}' instead of '{line}'");
        }
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
