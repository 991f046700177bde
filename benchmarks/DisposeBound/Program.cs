// How long Dispose takes with a stuck enqueued delegate sink and a 1 s DisposeTimeout: `[disposes]` (default 8).
// Four cases, each `disposes` providers built, logged to and disposed in this one process, in this order:
//   first   - the process's first dispose (its code not yet compiled), once;
//   alone   - the stuck sink alone;
//   beside  - beside a console sink (on stderr: run with 2>/dev/null) and two enqueued file sinks;
//   threads - beside those, with six threads logging throughout the dispose.
// Prints each dispose's seconds and each case's least and greatest. Run it with nothing else on the machine.
using System.Diagnostics;
using System.Globalization;
using LoguStyle;
using Microsoft.Extensions.Logging;

var disposes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var bound = TimeSpan.FromSeconds(1);
var folder = Path.Combine(Path.GetTempPath(), "logustyle-dispose-bound", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine(FormattableString.Invariant($"DisposeTimeout {bound.TotalSeconds} s; {disposes} disposes a case; {Environment.ProcessorCount} cores"));
    Report("first", [Measure(beside: false, threads: 0, 0)]);
    Report("alone", Enumerable.Range(1, disposes).Select(i => Measure(beside: false, threads: 0, i)).ToList());
    Report("beside", Enumerable.Range(1, disposes).Select(i => Measure(beside: true, threads: 0, i)).ToList());
    Report("threads", Enumerable.Range(1, disposes).Select(i => Measure(beside: true, threads: 6, i)).ToList());
}
finally
{
    Directory.Delete(folder, recursive: true);
}

double Measure(bool beside, int threads, int run)
{
    using var release = new ManualResetEventSlim();
    var options = new LoguStyleLoggerOptions { DisposeTimeout = bound };
    options.Sinks.Add(new DelegateSinkOptions("stuck", _ => release.Wait()) { Enqueue = true, QueueCapacity = 64, QueueFullMode = QueueFullMode.DropWrite });
    if (beside)
    {
        options.Sinks.Add(new ConsoleSinkOptions("console") { Stream = ConsoleOutput.Stderr });
        options.Sinks.Add(new FileSinkOptions(Path.Combine(folder, $"a{run}.log"), "a") { Enqueue = true });
        options.Sinks.Add(new FileSinkOptions(Path.Combine(folder, $"b{run}.log"), "b") { Enqueue = true });
    }

    var provider = new LoguStyleLoggerProvider(options);
    var logger = provider.CreateLogger("dispose");
    for (var i = 0; i < 200; i++)
    {
        logger.LogInformation("before {I}", i);
    }

    using var stop = new CancellationTokenSource();
    var loggers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            logger.LogInformation("thread {T} record {I}", t, i);
        }
    })).ToList();
    loggers.ForEach(thread => thread.Start());
    var watch = Stopwatch.StartNew();
    provider.Dispose();
    var seconds = watch.Elapsed.TotalSeconds;
    stop.Cancel();
    loggers.ForEach(thread => thread.Join());
    release.Set();
    return seconds;
}

static void Report(string name, List<double> seconds) =>
    Console.WriteLine(FormattableString.Invariant($"{name,-8} {seconds.Min():0.000}-{seconds.Max():0.000} s  ({string.Join(' ', seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))})"));
