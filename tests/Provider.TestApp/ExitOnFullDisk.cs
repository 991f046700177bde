using System.Diagnostics;
using System.Globalization;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-full-disk &lt;disk&gt; exit|return full|midway [threads=&lt;n&gt;] [through]</c>: every kind of file sink
/// on a small file system the test fills (in <c>&lt;disk&gt;</c>: a direct text file <c>direct.log</c>, an enqueued
/// DropWrite one <c>queued.log</c> of capacity 500, a shared one <c>shared.log</c> and an enqueued JSON file
/// <c>app.json</c>), beside a console sink (stdout, Warning) and a direct file on the working folder's disk
/// (<c>healthy.log</c>); ExitTimeout 2 s. <c>midway</c>: 200 records first, then "ready", then it waits for the file
/// <c>go</c> in the working folder (the test fills the disk, then writes it); <c>full</c>: the test filled the disk
/// before the start. Then <c>threads</c> threads (1 by default) log 600 records in all, and the process ends without
/// disposing the provider: <c>Environment.Exit(3)</c>, or a return from Main (exit code 0). <c>through</c>: the threads
/// go on logging through the exit's drain, and 50 calls more each after it. A ProcessExit handler of the application,
/// subscribed after the provider's and so run after its drain, stops them and prints
/// "calls C warnings W drain-ms T joined J", then the meter's counts of each sink: "sink NAME written W dropped D errors E".
/// </summary>
internal static class ExitOnFullDisk
{
    private const int Before = 200;
    private const int During = 600;
    private const int AfterTheDrain = 50;
    private static readonly string[] SinkNames = ["direct", "queued", "shared", "json", "healthy", "console"];
    private static readonly string Padding = new('.', 300);

    public static int Run(string disk, string[] args)
    {
        var exit = args[0] == "exit";
        var midway = args[1] == "midway";
        var threads = args.FirstOrDefault(arg => arg.StartsWith("threads=", StringComparison.Ordinal)) is { } count
            ? int.Parse(count["threads=".Length..], CultureInfo.InvariantCulture)
            : 1;
        var through = args.Contains("through");

        // Not disposed: the last exit handler reads it, also after a return from Main.
        var meter = new SinkMeter();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(Path.Combine(disk, "direct.log"), "direct") { Format = "{message}" },
                new FileSinkOptions(Path.Combine(disk, "queued.log"), "queued") { Format = "{message}", Enqueue = true, QueueCapacity = 500, QueueFullMode = QueueFullMode.DropWrite },
                new FileSinkOptions(Path.Combine(disk, "shared.log"), "shared") { Format = "{message}", Shared = true },
                new FileSinkOptions(Path.Combine(disk, "app.json"), "json") { Serialize = true, Enqueue = true },
                new FileSinkOptions("healthy.log", "healthy") { Format = "{message}" },
                new ConsoleSinkOptions("console") { Level = LogLevel.Warning, Format = "{message}" },
            },
            ExitTimeout = TimeSpan.FromSeconds(2),
        });
        var logger = provider.CreateLogger("TestApp");
        long calls = 0;
        long warnings = 0;
        void Log(string phase, int thread, int index)
        {
            // One in 100 at Warning, for the console sink.
            var level = index % 100 == 0 ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "{Phase}-{Thread}-{Index} {Padding}", phase, thread, index, Padding);
            Interlocked.Increment(ref calls);
            if (level == LogLevel.Warning)
            {
                Interlocked.Increment(ref warnings);
            }
        }

        if (midway)
        {
            for (var i = 0; i < Before; i++)
            {
                Log("before", 0, i);
            }

            Console.WriteLine("ready");
            WaitUntil(() => File.Exists("go"), "the file 'go'");
        }

        var made = new long[threads];
        var stop = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; through ? Volatile.Read(ref stop) == 0 : i < During / threads; i++)
            {
                Log("during", t, i);
                Interlocked.Increment(ref made[t]);
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(worker => worker.Start());
        bool EachMade(long[] least) => Enumerable.Range(0, threads).All(t => Interlocked.Read(ref made[t]) >= least[t]);
        if (through)
        {
            // Each has logged its share into the full disk, and goes on through the exit.
            WaitUntil(() => EachMade([.. Enumerable.Repeat((long)(During / threads), threads)]), "each thread's calls before the end");
        }
        else
        {
            workers.ForEach(worker => worker.Join());
        }

        var ending = Stopwatch.StartNew();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // After the provider's drain: the threads log on into the sinks it drained.
            var drain = ending.Elapsed;
            if (through)
            {
                long[] after = [.. Enumerable.Range(0, threads).Select(t => Interlocked.Read(ref made[t]) + AfterTheDrain)];
                WaitUntil(() => EachMade(after), "each thread's calls after the drain");
                Volatile.Write(ref stop, 1);
            }

            var joined = workers.Count(worker => worker.Join(TimeSpan.FromSeconds(20)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls {Interlocked.Read(ref calls)} warnings {Interlocked.Read(ref warnings)} drain-ms {drain.TotalMilliseconds:0} joined {joined}"));
            foreach (var name in SinkNames)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"sink {name} written {meter.Read("logustyle.records.written", name)} dropped {meter.Read("logustyle.records.dropped", name)} errors {meter.Read("logustyle.sink.errors", name)}"));
            }

            Console.Out.Flush();
        };

        if (exit)
        {
            Environment.Exit(3);
        }

        return 0;
    }

    // A condition with a deadline; a wait that runs out says so on stderr, which the test prints beside its failure.
    private static void WaitUntil(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"exit-full-disk: {what} did not happen within 60 s");
        }
    }
}
