using System.Globalization;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Measures what one logging call allocates on the logging thread, for CaptureAllocationTests. It runs in a process
/// of its own because <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts whatever runs on the thread: inside
/// the test host, other tests' meter listeners and the JIT of their code added hundreds of bytes a call.
/// </summary>
internal static class AllocationProbe
{
    private const int Calls = 20_000;
    // Enough rounds for the JIT's last tier to have come on a loaded machine: code may allocate at the first tiers what
    // the optimized code keeps on the stack (enumerators, closures, boxes), and which round the last tier reaches depends
    // on the load (on a 2-core machine under load, round 5 of 6; in mode held, round 15-24 of 30).
    private const int Rounds = 30;

    // The queue of the held sink: half of it fills before the callers format ahead, and the measured calls fill most of
    // the other half, so none of them waits for room.
    private const int HeldCapacity = 4096;

    // A ready array of boxed arguments, so MEL's params array and the boxing are not counted: what is left is the
    // provider's, plus the box of MEL's FormattedLogValues that the provider reads as a list.
    private static readonly object?[] Arguments = [42, "acme"];

    /// <summary>Prints "round &lt;n&gt; &lt;bytes per call&gt;" for each round and "least &lt;bytes per call&gt;" last.</summary>
    /// <param name="sink">
    /// direct, queued, held, delegate or syslog. queued is an enqueued file sink (Wait), whose callers format their lines
    /// into the queue's segments; syslog a Syslog sink over UDP (Wait), whose callers format their messages likewise. held is an enqueued file sink of records (DropOldest: its callers take records, not bytes,
    /// out of the queue) whose writer is held (a rotation predicate that waits) while each round logs half a queue, then
    /// measures calls that find more than half the queue waiting: the callers format every measured record themselves
    /// (QueuedSink.PreRender), as when the writer falls behind, by the queue's rule and not by how fast the writer runs
    /// on a loaded machine.
    /// </param>
    /// <param name="path">The log file for the file sinks.</param>
    /// <param name="json">A JSON schema (LoguStyle, Clef, Ecs, Otel) for a file sink that serializes; null for text lines.</param>
    public static int Run(string sink, string path, JsonFormat? json = null)
    {
        using var hold = new ManualResetEventSlim(true);

        // Mode syslog's receiver: a UDP socket that reads nothing (the kernel drops what its buffer cannot hold; the
        // sink's sends succeed all the same).
        using var receiver = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        receiver.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        SinkOptions options = sink switch
        {
            "direct" => new FileSinkOptions(path) { Format = "{time} {level} {message}" },
            "queued" => new FileSinkOptions(path) { Format = "{time} {level} {message}", Enqueue = true },
            "held" => new FileSinkOptions(path)
            {
                Format = "{time} {level} {message}",
                Enqueue = true,
                QueueCapacity = HeldCapacity,
                QueueFullMode = QueueFullMode.DropOldest,
                Rotation = Rotation.When(_ =>
                {
                    hold.Wait();
                    return false;
                }),
            },
            "delegate" => new DelegateSinkOptions("kept", static _ => { }),
            "syslog" => new SyslogSinkOptions("syslog")
            {
                Port = ((System.Net.IPEndPoint)receiver.LocalEndPoint!).Port,
                QueueFullMode = QueueFullMode.Wait,
            },
            _ => throw new ArgumentException($"unknown sink {sink}", nameof(sink)),
        };
        if (json is { } format)
        {
            // A JSON sink writes its own fields; a text format beside Serialize is refused.
            options.Format = null;
            options.Serialize = true;
            options.JsonFormat = format;
        }

        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } });
        var logger = provider.CreateLogger("Alloc");
        var least = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            // Round 0 warms up (the thread's record, the pool, the template's and the time format's caches) and is not
            // counted; the least of the others is taken, so a pool chunk moving between threads, or a queue writer that
            // fell behind once, does not count.
            if (!provider.FlushAsync().Wait(TimeSpan.FromSeconds(30)))
            {
                Console.Error.WriteLine("flush did not finish within 30 s");
                return 1;
            }

            var calls = Calls;
            if (sink == "held")
            {
                // The writer stops at the first of these records; the rest fill half the queue (and one more, the one
                // the writer holds), unmeasured: only a caller that finds more than half waiting formats its record.
                hold.Reset();
                for (var i = 0; i <= HeldCapacity / 2 + 1; i++)
                {
                    logger.Log(LogLevel.Information, "User {UserId} of {Tenant}", Arguments);
                }

                calls = HeldCapacity / 2 - 8;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                logger.Log(LogLevel.Information, "User {UserId} of {Tenant}", Arguments);
            }

            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
            hold.Set();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} {perCall:0.###}"));
            least = round == 0 ? least : Math.Min(least, perCall);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"least {least:0.###}"));
        return 0;
    }
}
