using System.Diagnostics.Metrics;
using System.Globalization;
using LoguStyle;
using LoguStyle.Files;
using LoguStyle.Files.Shared;
using Microsoft.Extensions.Logging;

// Usage: LoguStyle.TestApp <mode> <log path> [arguments]
//   unhandled <path> <records>   logs through an enqueued file sink, then dies of an unhandled exception without disposing
//   exit <path> <records>        logs through an enqueued file sink, then calls Environment.Exit(3) without disposing
//   shared <path> <records> <tag> [rotation=<text>] [compression=<text>] [enqueue=true] [autoflush=true] [progress=<n>]
//          [pause-every=<n> pause-ms=<ms>]
//                                one of several processes writing one shared file: records "<tag> <index> <padding>",
//                                "logged <n>" printed every <progress> records, "done" after disposing
//   rotate <path> <records> <tag> [rotation=<text>] [compression=<text>] [retention=<text>]
//                                as shared, into a file of this process alone (not Shared)
//   hold-lock <path>             takes the shared file's lock, prints "holding" and waits to be killed
//   private <path> <records> <tag> [hold]
//                                writes "<tag> <index>" records to a file sink without Shared (AutoFlush), then prints
//                                "errors <n>" (the sink's logustyle.sink.errors); with hold, prints "holding" and waits
//                                to be killed, the file still open
//   threads-die <path> <threads> [off]
//                                logs "before" to a text file (<path>.log, direct) and a JSON file (<path>.json,
//                                enqueued), then <threads> plain threads throw at once; "off" sets LogUnhandledExceptions
//                                false
//   stuck-direct <path> exit|wait
//                                a direct delegate sink "stuck" before a direct text file (<path>.log) and a JSON file
//                                (<path>.json, direct); logs "record <i>" 1,000 times, then "held" on a thread that the
//                                delegate blocks for good; prints "stuck" once it is, then calls Environment.Exit(3)
//                                (exit) or waits for a signal (wait); ExitTimeout 2 s
//   stuck-file <folder> exit|wait
//                                a direct file sink "stuck" whose write blocks inside its lock, before a direct text file
//                                (<folder>/app.log); see StuckFile
//   exit-reloading <folder> [direct]
//                                Environment.Exit while a reload drains an old generation whose enqueued sink is stuck
//                                (direct: while it waits for a logging call stuck in its direct sink); see ExitWhileReloading
//   exit-waiting <capacity>      Environment.Exit while four threads wait for room in a stuck enqueued Wait-mode sink of
//                                that capacity; see ExitWhileWaiting
//   exit-starved <folder> [wait|healthy]
//                                Environment.Exit while the pool is starved, beside a stuck enqueued sink and a healthy
//                                enqueued file (<folder>/app.log); wait: the stuck queue in Wait mode, a caller waiting
//                                for room in it; healthy: the file alone, ExitTimeout 10 s; see ExitStarvedPool
//   exit-logging <mode>          Environment.Exit while four threads log into a healthy enqueued sink of that full mode;
//                                see ExitWhileLogging
//   exit-full-disk <disk> exit|return full|midway [threads=<n>] [through]
//                                every kind of file sink on a disk the test fills, a console and a file beside them; the
//                                process ends without disposing (Environment.Exit or the end of Main); see ExitOnFullDisk
//   console <unused path>        two console sinks as MEL's LogToStandardErrorThreshold: stdout up to Information
//                                (MaxLevel), stderr from Warning; colours left to Auto; logs one Information and one
//                                Warning record
//   interpolated-alloc <path>    prints the bytes one call allocates into a file sink: a disabled and an enabled
//                                logger.Info($"..."), and the same record through a [LoggerMessage] method
//   caller-alloc <path>          prints the bytes one plain call allocates into a file sink with CallerInfo: StackTrace,
//                                alone and beside a file sink without it, direct and enqueued (CallerAllocations)
//   alloc <path> direct|queued|held|delegate|syslog [LoguStyle|Clef|Ecs|Otel]
//                                prints the bytes one logging call allocates on the logging thread (AllocationProbe);
//                                with a JSON format, the file sink writes JSON lines of that schema; held: an enqueued
//                                sink whose writer is held, so the measured callers format every record themselves
//   tls-close <folder> <rounds> [tls12]
//                                a TLS syslog sink disposed while its receiver sends, <rounds> times; prints "received n",
//                                and with tls12 "close_notify c" (see TlsCloseWhileReceiving)
//   syslog-exit <port> <ca file>|- <records> <connections> exit|unhandled [starved]
//                                an enqueued TLS (-: TCP) syslog sink; two threads log <records> each, then the process
//                                ends without a dispose; starved: the pool starved after the connection (see SyslogExit)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LoguStyle.TestApp <mode> <log path> [arguments] (modes: see the comment at the top of Program.cs)");
    return 2;
}

var mode = args[0];
var path = args[1];
switch (mode)
{
    case "unhandled" or "exit":
        return Crash(mode, path, int.Parse(args[2], CultureInfo.InvariantCulture));
    case "shared":
        return await WriteSharedAsync(path, int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4..]);
    case "rotate":
        return await WriteSharedAsync(path, int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4..], shared: false);
    case "hold-lock":
        return HoldLock(path);
    case "private":
        return await WritePrivateAsync(path, int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args.Length > 4 && args[4] == "hold");
    case "console":
        return await SplitConsoleAsync();
    case "stuck-direct":
        return StuckDirect(path, args[2] == "exit");
    case "exit-reloading":
        return LoguStyle.TestApp.ExitWhileReloading.Run(path, args.Contains("direct"));
    case "exit-waiting":
        // The second argument is the queue's capacity, not a path.
        return LoguStyle.TestApp.ExitWhileWaiting.Run(int.Parse(path, CultureInfo.InvariantCulture));
    case "exit-starved":
        return LoguStyle.TestApp.ExitStarvedPool.Run(path, args.Contains("wait"), args.Contains("healthy"));
    case "exit-logging":
        // The second argument is the queue's full mode, not a path.
        return LoguStyle.TestApp.ExitWhileLogging.Run(Enum.Parse<QueueFullMode>(path));
    case "exit-full-disk":
        return LoguStyle.TestApp.ExitOnFullDisk.Run(path, args[2..]);
    case "stuck-file":
        return LoguStyle.TestApp.StuckFile.Run(path, args[2] == "exit");
    case "threads-die":
        return ThreadsDie(path, int.Parse(args[2], CultureInfo.InvariantCulture), args.Contains("off"));
    case "interpolated-alloc":
        return LoguStyle.TestApp.InterpolatedAllocations.Run(path);
    case "alloc":
        return LoguStyle.TestApp.AllocationProbe.Run(args[2], path, args.Length > 3 ? Enum.Parse<JsonFormat>(args[3]) : null);
    case "caller-alloc":
        return LoguStyle.TestApp.CallerAllocations.Run(path);
    case "tls-close":
        return await LoguStyle.TestApp.TlsCloseWhileReceiving.Run(path, int.Parse(args[2], CultureInfo.InvariantCulture), args.Contains("tls12"));
    case "syslog-exit":
        // The second argument is the receiver's port, not a path.
        return LoguStyle.TestApp.SyslogExit.Run(int.Parse(path, CultureInfo.InvariantCulture), args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), args[5] == "unhandled", args.Contains("starved"));
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}

static async Task<int> SplitConsoleAsync()
{
    await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
    {
        Sinks =
        {
            new ConsoleSinkOptions("out") { MaxLevel = LogLevel.Information, Format = "<green>{level}</green> {message}" },
            new ConsoleSinkOptions("err") { Stream = ConsoleOutput.Stderr, Level = LogLevel.Warning, Format = "<green>{level}</green> {message}" },
        },
    }))
    {
        var logger = provider.CreateLogger("TestApp");
        logger.LogInformation("to stdout");
        logger.LogWarning("to stderr");
    }

    return 0;
}

static int StuckDirect(string path, bool exit)
{
    using var entered = new ManualResetEventSlim();
    using var never = new ManualResetEventSlim();
    var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
    {
        Sinks =
        {
            new DelegateSinkOptions("stuck", record =>
            {
                if (record.Message == "held")
                {
                    entered.Set();
                    never.Wait();
                }
            }),
            new FileSinkOptions(path + ".log") { Format = "{message}" },
            new FileSinkOptions(path + ".json") { Serialize = true },
        },
        ExitTimeout = TimeSpan.FromSeconds(2),
    });
    return LoguStyle.TestApp.HeldCall.LogThenEnd(provider.CreateLogger("TestApp"), entered, exit);
}

static int ThreadsDie(string path, int threads, bool off)
{
    var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
    {
        Sinks =
        {
            new FileSinkOptions(path + ".log") { Format = "{level} | {category} | {message}{exception}" },
            new FileSinkOptions(path + ".json") { Serialize = true, Enqueue = true },
        },
        LogUnhandledExceptions = !off,
    });
    provider.CreateLogger("TestApp").LogInformation("before");
    using var start = new Barrier(threads);
    var workers = new List<Thread>();
    for (var i = 0; i < threads; i++)
    {
        var index = i;
        var worker = new Thread(() =>
        {
            start.SignalAndWait();
            throw new InvalidOperationException($"thread {index} dies here");
        }) { Name = $"worker-{index}" };
        workers.Add(worker);
        worker.Start();
    }

    // The first unhandled exception ends the process while this waits for the threads.
    workers.ForEach(worker => worker.Join());
    return 0;
}

static int Crash(string mode, string path, int count)
{
    var options = new LoguStyleLoggerOptions
    {
        Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = 1_000_000 } },
        ExitTimeout = TimeSpan.FromSeconds(10),
    };
    var provider = new LoguStyleLoggerProvider(options);
    var logger = provider.CreateLogger("TestApp");
    for (var i = 0; i < count; i++)
    {
        logger.LogInformation("record {Index}", i);
    }

    Console.WriteLine($"logged {count}");
    if (mode == "unhandled")
    {
        throw new InvalidOperationException("the test app dies here");
    }

    Environment.Exit(3);
    return 3;
}

static async Task<int> WriteSharedAsync(string path, int count, string tag, string[] settings, bool shared = true)
{
    var values = settings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
    var sink = new FileSinkOptions(path)
    {
        Format = "{message}",
        Shared = shared,
        Rotation = values.TryGetValue("rotation", out var rotation) ? Rotation.Parse(rotation) : null,
        Compression = values.TryGetValue("compression", out var compression) ? Compression.Parse(compression) : null,
        Retention = values.TryGetValue("retention", out var retention) ? Retention.Parse(retention) : null,
        Enqueue = values.TryGetValue("enqueue", out var enqueue) && bool.Parse(enqueue),
        AutoFlush = values.TryGetValue("autoflush", out var autoFlush) && bool.Parse(autoFlush),
    };
    var progress = values.TryGetValue("progress", out var every) ? int.Parse(every, CultureInfo.InvariantCulture) : 0;
    var pauseEvery = values.TryGetValue("pause-every", out var pauseText) ? int.Parse(pauseText, CultureInfo.InvariantCulture) : 0;
    var pause = TimeSpan.FromMilliseconds(values.TryGetValue("pause-ms", out var pauseMs) ? int.Parse(pauseMs, CultureInfo.InvariantCulture) : 0);
    var padding = new string('x', 60);
    await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
    {
        var logger = provider.CreateLogger("TestApp");
        for (var i = 0; i < count; i++)
        {
            logger.LogInformation("{Tag} {Index} {Padding}", tag, i, padding);
            if (progress > 0 && (i + 1) % progress == 0)
            {
                await provider.FlushAsync();
                Console.WriteLine($"logged {i + 1}");
            }

            if (pauseEvery > 0 && (i + 1) % pauseEvery == 0)
            {
                // Spreads the records over time, for time rotation.
                await Task.Delay(pause);
            }
        }
    }

    Console.WriteLine("done");
    return 0;
}

static async Task<int> WritePrivateAsync(string path, int count, string tag, bool hold)
{
    long errors = 0;
    using var listener = new MeterListener();
    listener.InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Meter.Name == "LoguStyle" && instrument.Name == "logustyle.sink.errors")
        {
            l.EnableMeasurementEvents(instrument);
        }
    };
    listener.SetMeasurementEventCallback<long>((_, value, _, _) => errors = value);
    listener.Start();
    var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path, "file") { Format = "{message}", AutoFlush = true } } });
    var logger = provider.CreateLogger("TestApp");
    for (var i = 0; i < count; i++)
    {
        logger.LogInformation("{Tag} {Index}", tag, i);
    }

    await provider.FlushAsync();
    listener.RecordObservableInstruments();
    Console.WriteLine($"errors {errors}");
    if (hold)
    {
        Console.WriteLine("holding");
        await Task.Delay(Timeout.Infinite);
    }

    await provider.DisposeAsync();
    Console.WriteLine("done");
    return 0;
}

static int HoldLock(string path)
{
    using var sharedLock = SharedFileLock.Open(SharedFileLock.PathOf(PathTemplate.Parse(path).FullPath));
    sharedLock.Enter();
    Console.WriteLine("holding");
    Console.ReadLine();
    return 0;
}
