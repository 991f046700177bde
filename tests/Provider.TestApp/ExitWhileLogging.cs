using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-logging &lt;mode&gt;</c>: <c>Environment.Exit(3)</c> while four threads go on logging into a healthy
/// enqueued delegate sink "healthy" (capacity 64, the given full mode; ExitTimeout 1 s). A ProcessExit handler of the
/// application, subscribed after the provider's and so run after its drain, stops the sink's writer from returning (as
/// the process ending under it would), lets the threads log 200 calls more each, stops them and prints
/// "calls C written W dropped D errors E" from the LoguStyle meter: every call must be written, dropped or refused.
/// Beside it, a direct file sink "direct" (<c>direct.log</c> in the working directory, without AutoFlush) takes every
/// call, the calls after the drain too: each must be in the file when the process has ended.
/// </summary>
internal static class ExitWhileLogging
{
    private const int Threads = 4;
    private const int CallsAfterTheDrain = 200;

    public static int Run(QueueFullMode mode)
    {
        using var frozen = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var counts = new Dictionary<string, long>();
        var observable = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "LoguStyle")
            {
                if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
                {
                    observable.Add(instrument.Name);
                }

                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "sink" && (string?)tag.Value == "healthy")
                {
                    lock (counts)
                    {
                        counts[instrument.Name] = (observable.Contains(instrument.Name) ? 0 : counts.GetValueOrDefault(instrument.Name)) + value;
                    }
                }
            }
        });
        listener.Start();

        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("healthy", record =>
                {
                    if (frozen.IsSet && record.Category == "TestApp")
                    {
                        never.Wait();
                    }
                })
                {
                    Enqueue = true,
                    QueueCapacity = 64,
                    QueueFullMode = mode,
                },
                new FileSinkOptions("direct.log", "direct") { Format = "{message}" },
            },
            ExitTimeout = TimeSpan.FromSeconds(1),
        });
        var logger = provider.CreateLogger("TestApp");
        var begun = new long[Threads];
        var stop = 0;
        var threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                Interlocked.Increment(ref begun[index]);
                logger.LogInformation("record {Thread}", index.ToString(CultureInfo.InvariantCulture));
            }
        }) { IsBackground = true }).ToList();

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // After the provider's drain: the writer takes no more records, and the threads log on.
            frozen.Set();
            var after = Enumerable.Range(0, Threads).Select(t => Interlocked.Read(ref begun[t]) + CallsAfterTheDrain).ToArray();
            var spin = new SpinWait();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Enumerable.Range(0, Threads).Any(t => Interlocked.Read(ref begun[t]) < after[t]) && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                spin.SpinOnce();
            }

            Volatile.Write(ref stop, 1);
            var joined = threads.Count(thread => thread.Join(TimeSpan.FromSeconds(20)));
            listener.RecordObservableInstruments();
            lock (counts)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"joined {joined} calls {begun.Sum()} written {counts.GetValueOrDefault("logustyle.records.written")} dropped {counts.GetValueOrDefault("logustyle.records.dropped")} errors {counts.GetValueOrDefault("logustyle.sink.errors")}"));
            }

            Console.Out.Flush();
        };

        threads.ForEach(thread => thread.Start());

        // Logging at full speed before the exit: every thread has made calls.
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (Enumerable.Range(0, Threads).Any(t => Interlocked.Read(ref begun[t]) < 1000) && started.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Yield();
        }

        Environment.Exit(3);
        return 3;
    }
}
