using System.Globalization;
using LoguStyle;
using LoguStyle.FaultApp;
using LoguStyle.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: LoguStyle.FaultApp <mode> <log path> [autoflush] [enqueue]
//   flood          logs numbered records to a file sink as fast as it can until it is stopped by a signal, without a
//                  host (the provider's ProcessExit drain); prints "logged N" after every 1,000 records have returned
//   host-flood     the same from a BackgroundService in a generic host (the host's SIGTERM handling and shutdown)
//   host-stuck     host-flood with a second, enqueued sink in Wait mode (capacity 64, named "stuck") that takes every
//                  record, the host's own too, and never returns from its first; the host's shutdown timeout is 1 s;
//                  prints "stuck" when that sink is entered
//   host-exit      starts a generic host with a file sink, logs 3,000 numbered records through the host's logger and
//                  calls Environment.Exit(3) while the host runs (the host's lifetime handles no ProcessExit)
//   hup-cancel-stuck (the second argument is ignored) an app that cancels SIGHUP while an enqueued sink is stuck; see
//                  HupCancelStuck
//   exit-stuck     (the second argument is a queue mode, not a path) Environment.Exit while an enqueued sink "stuck" of
//                  capacity 1 in that mode never returns from its first record and four threads log into it; prints
//                  "stuck" when the sink is entered; ExitTimeout is 1 s
//   host-stuck-file a host stops and is disposed while a direct file sink's write never returns; see HostStuckFile
//   host-many-stuck-files (a third argument: how many) a host stops and is disposed while that many direct file sinks
//                  are each stuck in a write from a thread of their own; see HostManyStuckFiles
//   open-fails     logs records for 0.5 s to a file sink named "badfile" whose file cannot be opened, then disposes
//   closed-stdout  logs 1,000 records to a console sink and a file sink and exits 0 (run it with stdout closed); with
//                  "wait", reads a line from stdin after the first record (so the test can close stdout's pipe then);
//                  prints the console sink's meter counts on stderr before it exits: "console written=N failed=M"
//   archive        logs to two file sinks in the log path's folder that rotate at 1 KB, one compressing with gz, one
//                  with a custom compressor that copies (and does not flush), disposes the provider and waits until
//                  every closed file is archived; run under strace to see what reaches the disk before each rename
//   hup-cancel     an application that handles SIGHUP itself and cancels its default action (PosixSignalRegistration,
//                  context.Cancel = true): logs 1,000 numbered records to a file sink, prints "ready", waits (30 s at
//                  most) for a SIGHUP, prints "hangup handled", logs 1,000 more, disposes the provider and exits 0
//   syslog-batch   (the second argument is a loopback TCP port, not a path) logs 20,000 records to an enqueued TCP
//                  syslog sink in Wait mode, flushes and exits; run under strace to see how the batches are written; with
//                  "udp", to a UDP port
if (args.Length < 2)
{
    return 2;
}

var mode = args[0];
var path = args[1];
var autoFlush = args.Contains("autoflush");
var enqueue = args.Contains("enqueue");
switch (mode)
{
    case "flood":
    {
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = Flood.Format, AutoFlush = autoFlush, Enqueue = enqueue } },
        });
        Flood.Run(provider.CreateLogger("FaultApp"), CancellationToken.None);
        return 0;
    }

    case "host-flood":
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.None);
        builder.Logging.AddLoguStyle(log => log.AddFile(path, file => { file.Format = Flood.Format; file.AutoFlush = autoFlush; file.Enqueue = enqueue; }));
        builder.Services.AddHostedService<Flood>();
        await builder.Build().RunAsync();
        return 0;
    }

    case "host-stuck":
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        using var never = new ManualResetEventSlim();
        builder.Logging.AddLoguStyle(log => log
            .AddFile(path, file => { file.Format = Flood.Format; file.Enqueue = true; file.Predicate = record => record.Category == typeof(Flood).FullName; })
            .AddSink(
                _ =>
                {
                    Console.Out.WriteLine("stuck");
                    never.Wait();
                },
                sink =>
                {
                    sink.Name = "stuck";
                    sink.Enqueue = true;
                    sink.QueueCapacity = 64;
                    sink.QueueFullMode = QueueFullMode.Wait;
                }));
        builder.Services.AddHostedService<Flood>();
        await builder.Build().RunAsync();
        return 0;
    }

    case "host-exit":
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.None);
        builder.Logging.AddLoguStyle(log => log.AddFile(path, file => { file.Format = Flood.Format; file.Enqueue = enqueue; }));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<Flood>>();
        for (var i = 0; i < 3_000; i++)
        {
            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Flood.Padding);
        }

        Environment.Exit(3);
        return 0;
    }

    case "hup-cancel":
    {
        using var hangup = new ManualResetEventSlim();
        using var handler = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            hangup.Set();
        });
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = Flood.Format, AutoFlush = autoFlush, Enqueue = enqueue } },
        });
        var logger = provider.CreateLogger("FaultApp");
        for (var i = 0; i < 2_000; i++)
        {
            if (i == 1_000)
            {
                Console.Out.WriteLine("ready");
                if (!hangup.Wait(TimeSpan.FromSeconds(30)))
                {
                    Console.Error.WriteLine("no SIGHUP within 30 s");
                    return 3;
                }

                Console.Out.WriteLine("hangup handled");
            }

            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Flood.Padding);
        }

        provider.Dispose();
        return 0;
    }

    case "hup-cancel-stuck":
        return HupCancelStuck.Run();

    case "exit-stuck":
        // The second argument is the stuck queue's mode, not a path.
        return ExitStuck.Run(path);

    case "open-fails":
        return await OpenFails.RunAsync(path);

    case "host-stuck-file":
        return await HostStuckFile.RunAsync(path);

    case "host-many-stuck-files":
        return await HostManyStuckFiles.RunAsync(path, int.Parse(args[2], CultureInfo.InvariantCulture));

    case "closed-stdout":
    {
        using var meter = new LoguStyle.Testing.SinkMeter();
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new LoguStyle.ConsoleSinkOptions { Format = Flood.Format }, new FileSinkOptions(path) { Format = Flood.Format } },
        });
        var logger = provider.CreateLogger("FaultApp");
        for (var i = 0; i < 1_000; i++)
        {
            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Flood.Padding);
            if (i == 0 && args.Contains("wait"))
            {
                Console.In.ReadLine();
            }
        }

        await provider.FlushAsync();
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"console written={meter.Read("logustyle.records.written", "console")} failed={meter.Read("logustyle.sink.errors", "console")}"));
        return 0;
    }

    case "archive":
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(Path.Combine(folder, "gz.log")) { Format = Flood.Format, Rotation = "1 KB", Compression = "gz" },
                new FileSinkOptions(Path.Combine(folder, "custom.log"))
                {
                    Format = Flood.Format,
                    Rotation = "1 KB",
                    Compression = Compression.Custom("copy", (source, destination) => File.Copy(source, destination)),
                },
            },
        });
        var logger = provider.CreateLogger("FaultApp");
        for (var i = 0; i < 40; i++)
        {
            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Flood.Padding);
        }

        await provider.DisposeAsync();

        // The archive worker may still be compressing: wait until no closed file is left uncompressed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(folder, "*.*.log").Length > 0 || Directory.GetFiles(folder, "*.part").Length > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.Error.WriteLine("closed files were not archived within 30 s");
                return 1;
            }

            await Task.Delay(20);
        }

        return 0;
    }

    case "syslog-batch":
    {
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new SyslogSinkOptions
                {
                    Port = int.Parse(path, CultureInfo.InvariantCulture),
                    Protocol = args.Contains("udp") ? SyslogProtocol.Udp : SyslogProtocol.Tcp,
                    QueueFullMode = QueueFullMode.Wait,
                },
            },
        });
        var logger = provider.CreateLogger("FaultApp");
        for (var i = 0; i < 20_000; i++)
        {
            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Flood.Padding);
        }

        await provider.FlushAsync();
        await provider.DisposeAsync();
        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
