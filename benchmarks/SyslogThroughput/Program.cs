using System.Globalization;
using LoguStyle;
using LoguStyle.SyslogThroughput;

// LoguStyle.SyslogThroughput [records per thread, default 250000] [transports, default udp,tcp,tls,local]
//                            [queue-full mode, default DropWrite (the Syslog sink's default); Wait loses nothing]
//                            [connections, default 1: the sink's Connections, 1 to 16] [repeats, default 3, 1 to 9]
// Each transport: a fresh rsyslogd on loopback; each side warms up until the JIT compiled nothing new (JitWarmUp); then,
// repeat after repeat, 4 threads log through the Syslog sink (records/s until the provider has drained and closed; lost
// = logged - received), 4 threads send the very bytes rsyslogd received from LoguStyle's first run over plain sockets
// (the floor), measured the same way, and one thread sends as many over one socket (the like-for-like floor of a sink
// that has one writer and one connection). The row gives each side's median; the repeats follow it.
// LoguStyle.SyslogThroughput probe [records per thread] [transport] [queue-full mode]: the sink alone, its cost per
// record from /proc (see Probe; probe.sh adds perf's system calls per thread).
if (args.Length > 0 && args[0] == "probe")
{
    await Probe.RunAsync(
        int.Parse(args[1], CultureInfo.InvariantCulture),
        Enum.Parse<SyslogProtocol>(args[2], ignoreCase: true),
        Enum.Parse<QueueFullMode>(args[3], ignoreCase: true));
    return;
}

var perThread = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 250_000;
var transports = (args.Length > 1 ? args[1] : "udp,tcp,tls,local")
    .Split(',', StringSplitOptions.RemoveEmptyEntries)
    .Select(name => Enum.Parse<SyslogProtocol>(name, ignoreCase: true))
    .ToList();
var mode = args.Length > 2 ? Enum.Parse<QueueFullMode>(args[2], ignoreCase: true) : QueueFullMode.DropWrite;
var connections = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
var repeats = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;

Console.WriteLine($"4 threads x {perThread:N0} records, rsyslogd on loopback, QueueFullMode {mode}, Connections {connections}, median of {repeats} interleaved repeats");
Console.WriteLine("| transport | LoguStyle records/s | LoguStyle lost | socket floor records/s | floor lost | LoguStyle / floor | 1-socket floor records/s | 1-socket floor lost | LoguStyle / 1-socket floor |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
var details = new List<string>();
foreach (var protocol in transports)
{
    var folder = Directory.CreateTempSubdirectory("logustyle-syslog-bench-").FullName;
    try
    {
        await using var run = await TransportRun.StartAsync(protocol, folder);
        var sinkRounds = await run.WarmUpSinkAsync(mode, connections);
        int floorRounds = 0, oneSocketRounds = 0;
        List<Result> sinks = [], floors = [], oneSockets = [];
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            sinks.Add(await run.LoguStyleAsync(perThread, mode, connections, repeat));
            if (repeat == 1)
            {
                // The floors send the bytes of the sink's first run, so they warm up after it.
                floorRounds = await run.WarmUpFloorAsync(oneSocket: false);
                oneSocketRounds = await run.WarmUpFloorAsync(oneSocket: true);
            }

            floors.Add(await run.FloorAsync(perThread, oneSocket: false, repeat));
            oneSockets.Add(await run.FloorAsync(perThread, oneSocket: true, repeat));
        }

        var (sink, floor, oneSocket) = (Median(sinks), Median(floors), Median(oneSockets));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {protocol} | {sink:N0} | {sinks.Sum(r => r.Lost):N0} | {floor:N0} | {floors.Sum(r => r.Lost):N0} | {sink / floor:P0} | {oneSocket:N0} | {oneSockets.Sum(r => r.Lost):N0} | {sink / oneSocket:P0} |"));
        details.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{protocol}: records/s of each repeat: LoguStyle {Each(sinks)}; floor {Each(floors)}; 1-socket floor {Each(oneSockets)}. Warm-up rounds until the JIT compiled nothing new (at most {JitWarmUp.MaxRounds}): LoguStyle {sinkRounds}, floor {floorRounds}, 1-socket floor {oneSocketRounds}; methods compiled while timed, each repeat: LoguStyle {Compiled(sinks)}, floor {Compiled(floors)}, 1-socket floor {Compiled(oneSockets)}; CPU µs a record, sender + rsyslogd, each repeat: LoguStyle {Cpu(sinks)}, floor {Cpu(floors)}, 1-socket floor {Cpu(oneSockets)}"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine();
details.ForEach(Console.WriteLine);

static double Median(List<Result> results)
{
    var sorted = results.Select(r => r.PerSecond).Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Each(List<Result> results) => string.Join(" / ", results.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)));

static string Cpu(List<Result> results) =>
    string.Join(" / ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.SenderMicros:0.00} + {r.ReceiverMicros:0.00}")));

static string Compiled(List<Result> results) => string.Join(" / ", results.Select(r => r.CompiledWhileTimed));
