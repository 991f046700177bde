using System.Globalization;
using System.Text.Json;
using LoguStyle.SideBySide;
using LoguStyle.SideBySide.Latency;
using LoguStyle.SideBySide.Providers;
using LoguStyle.SideBySide.Results;
using LoguStyle.SideBySide.SlowCalls;

// Commands (dotnet run -c Release --project benchmarks/SideBySide -- <command>); each writes docs/benchmarks/<name>.json
// and generates <name>.md and <name>.svg from it:
//   run [calls] [repeats] [providers|all] [scenarios]      throughput: each provider and scenario in its own process
//   paced [rates] [seconds] [repeats] [providers|all]      call durations at fixed offered rates (default 200000,1000000 for 10 s)
//   slow [seconds] [repeats] [offered] [sink rate] [setups|all]   a sink slower than the callers, per queue and mode
//   report                                                 the markdown and charts again from the JSON files
//   processes [calls per process] [repeats] [processes]    N processes on one shared file against a file each
//   xcore                                                  the cross-core round trip (the machine's state)
//   stalls [rate] [seconds]                                the paced load around calls that only spin, and into a provider that does nothing
//   delivery [records]                                     how long a lone record takes to reach an enqueued file without a flush
//   verdict <p99.9 ns> <peer p99.9 ns>...                  met, missed or undecided: at most half of each peer's, by histogram buckets
//   slowcalls <provider> <rate> <seconds> <folder> <out.tsv> [µs]   one paced provider, its calls of 15 µs or more written down (slowcalls.sh)
//   slowcalls-causes <calls.tsv> <events.txt>              what each of those calls met on its core, from `perf script` (slowcalls.sh)
// The children: one, paced-one, slow-one (started by run, paced, slow) and writer (started by processes).
var command = "dotnet run -c Release --project benchmarks/SideBySide -- " + string.Join(' ', args);
switch (args.FirstOrDefault())
{
    case "one" when args.Length >= 6:
        File.WriteAllText(args[5], JsonSerializer.Serialize(SingleRun.Run(ProviderList.Find(args[1]), Enum.Parse<Scenario>(args[2]), args[3], Long(args[4]))));
        return 0;

    case "paced-one" when args.Length >= 6:
        File.WriteAllText(args[5], JsonSerializer.Serialize(PacedRun.Run(ProviderList.Find(args[1]), Long(args[2]), Seconds(args[3]), args[4])));
        return 0;

    case "slowcalls" when args.Length >= 6:
        SlowCallsRun.Run(ProviderList.Find(args[1]), Long(args[2]), Seconds(args[3]), args[4], args[5], args.Length > 6 ? Long(args[6]) * 1000 : 15_000);
        return 0;

    case "slowcalls-causes" when args.Length >= 3:
        Console.Write(SlowCallCauses.Table(SlowCallList.Read(args[1]), KernelTrace.Parse(File.ReadLines(args[2]))));
        return 0;

    case "slow-one" when args.Length >= 6:
        File.WriteAllText(args[5], JsonSerializer.Serialize(SlowConsumerRun.Run(SlowSetups.Find(args[1]), Long(args[2]), Long(args[3]), Seconds(args[4]))));
        return 0;

    case "writer" when args.Length >= 6:
        return ProcessesRun.Writer(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), Long(args[5]));

    case "xcore":
        for (var i = 0; i < 5; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cross-core round trip: {CrossCoreLatency.RoundTripNs():F0} ns"));
        }

        return 0;

    case "stalls":
        MachineStalls.Print(args.Length > 1 ? Long(args[1]) : 200_000, Seconds(args.Length > 2 ? args[2] : "10"), [100, 300, 700]);
        return 0;

    case "verdict" when args.Length >= 3:
        Console.WriteLine(LatencyTarget.Word(LatencyTarget.Verdict(Double(args[1]), [.. args.Skip(2).Select(Double)])));
        return 0;

    case "delivery":
        DeliveryRun.Print([2, 5, 20, 100], args.Length > 1 ? Int(args[1]) : 200);
        return 0;

    case "processes":
        ProcessesRun.RunAll(args.Length > 1 ? Long(args[1]) : 1_000_000, args.Length > 2 ? Int(args[2]) : 3, args.Length > 3 ? Int(args[3]) : 4);
        return 0;

    case "run":
    {
        var calls = args.Length > 1 ? Long(args[1]) : 1_000_000;
        var repeats = args.Length > 2 ? Int(args[2]) : 3;
        var providers = Providers(args.Length > 3 ? args[3] : "all", ProviderList.All);
        IReadOnlyList<Scenario> scenarios = args.Length > 4 ? [.. args[4].Split(',').Select(Enum.Parse<Scenario>)] : Enum.GetValues<Scenario>();
        return Save(ResultFiles.Throughput, () => Orchestrator.RunAll(providers, scenarios, calls, repeats));
    }

    case "paced":
    {
        IReadOnlyList<long> rates = [.. (args.Length > 1 ? args[1] : "200000,1000000").Split(',').Select(Long)];
        var duration = Seconds(args.Length > 2 ? args[2] : "10");
        var repeats = args.Length > 3 ? Int(args[3]) : 3;
        var providers = Providers(args.Length > 4 ? args[4] : "all", ProviderList.Latency);
        return Save(ResultFiles.Paced, () => LatencyOrchestrator.Paced(providers, rates, duration, repeats));
    }

    case "slow":
    {
        var duration = Seconds(args.Length > 1 ? args[1] : "10");
        var repeats = args.Length > 2 ? Int(args[2]) : 3;
        var offered = args.Length > 3 ? Long(args[3]) : 200_000;
        var sinkRate = args.Length > 4 ? Long(args[4]) : 50_000;
        IReadOnlyList<SlowSetup> setups = args.Length > 5 && args[5] != "all" ? [.. args[5].Split(',').Select(SlowSetups.Find)] : SlowSetups.All;
        return Save(ResultFiles.Slow, () => LatencyOrchestrator.Slow(setups, offered, sinkRate, duration, repeats));
    }

    case "report":
        return WritePages();

    default:
        Console.Error.WriteLine("usage: run [calls] [repeats] [providers|all] [scenarios] | paced [rates] [seconds] [repeats] [providers|all] | slow [seconds] [repeats] [offered] [sink rate] [setups|all] | report | processes [calls] [repeats] [processes] | xcore | stalls [rate] [seconds] | delivery [records] | slowcalls <provider> <rate> <seconds> <folder> <out.tsv> [µs] | slowcalls-causes <calls.tsv> <events.txt>");
        return 2;
}

// Runs the measurements, keeps them in docs/benchmarks/<name>.json and generates the pages; a layout that differs
// between the providers ends the run with exit code 3 and no results.
int Save<T>(string name, Func<(List<T> Runs, List<T> Results)> measure)
{
    try
    {
        var (runs, results) = measure();
        ResultFiles.Write(name, new RunFile<T>(command, ResultFiles.Machine, DateTime.UtcNow, runs, results));
    }
    catch (LayoutMismatchException mismatch)
    {
        Console.Error.WriteLine(mismatch.Message);
        return 3;
    }

    return WritePages();
}

static int WritePages()
{
    foreach (var page in ResultPages.WriteAll())
    {
        Console.WriteLine($"wrote {page} and its chart");
    }

    return 0;
}

static IReadOnlyList<IBenchProvider> Providers(string names, IReadOnlyList<IBenchProvider> all) =>
    names == "all" ? all : [.. names.Split(',').Select(ProviderList.Find)];

static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(Double(text));
