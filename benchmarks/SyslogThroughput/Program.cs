using System.Globalization;
using LoguStyle;
using LoguStyle.SyslogThroughput;

// LoguStyle.SyslogThroughput [records per thread, default 250000] [transports, default udp,tcp,tls,local]
//                            [queue-full mode, default DropWrite (the Syslog sink's default); Wait loses nothing]
//                            [connections, default 1: the sink's Connections, 1 to 16]
// Each transport: a fresh rsyslogd on loopback; 4 threads log through the Syslog sink (records/s until the provider
// has drained and closed; lost = logged - received); then 4 threads send the very bytes rsyslogd received from
// LoguStyle over plain sockets (the floor), measured the same way; then one thread sends as many over one socket (the
// like-for-like floor of a sink that has one writer and one connection).
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

Console.WriteLine($"4 threads x {perThread:N0} records, rsyslogd on loopback, QueueFullMode {mode}, Connections {connections}");
Console.WriteLine("| transport | LoguStyle records/s | LoguStyle lost | socket floor records/s | floor lost | LoguStyle / floor | 1-socket floor records/s | 1-socket floor lost | LoguStyle / 1-socket floor |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var protocol in transports)
{
    var folder = Directory.CreateTempSubdirectory("logustyle-syslog-bench-").FullName;
    try
    {
        await using var run = await TransportRun.StartAsync(protocol, folder);
        var sink = await run.LoguStyleAsync(perThread, mode, connections);
        var floor = await run.FloorAsync(perThread);
        var oneSocket = await run.FloorAsync(perThread, oneSocket: true);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {protocol} | {sink.PerSecond:N0} | {sink.Lost:N0} | {floor.PerSecond:N0} | {floor.Lost:N0} | {sink.PerSecond / floor.PerSecond:P0} | {oneSocket.PerSecond:N0} | {oneSocket.Lost:N0} | {sink.PerSecond / oneSocket.PerSecond:P0} |"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
