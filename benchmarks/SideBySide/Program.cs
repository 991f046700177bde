using System.Globalization;
using LoguStyle.SideBySide;
using LoguStyle.SideBySide.Providers;

// dotnet run -c Release --project benchmarks/SideBySide -- run [calls] [repeats] [providers,...] [scenarios,...]
//   runs each provider on each scenario in its own process and writes docs/benchmarks.md and docs/benchmarks.svg
// dotnet LoguStyle.SideBySide.dll one <provider> <scenario> <folder> <result.json> <calls>   (used by run)
// dotnet run -c Release --project benchmarks/SideBySide -- processes [calls per process] [repeats] [processes]
//   N processes on one shared file against N processes on a file each (writer ...: the child, used by processes)
if (args.Length >= 6 && args[0] == "one")
{
    var measurement = SingleRun.Run(ProviderList.Find(args[1]), Enum.Parse<Scenario>(args[2]), args[3], long.Parse(args[5], CultureInfo.InvariantCulture));
    SingleRun.WriteResult(measurement, args[4]);
    return 0;
}

if (args.Length >= 6 && args[0] == "writer")
{
    return ProcessesRun.Writer(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), long.Parse(args[5], CultureInfo.InvariantCulture));
}

if (args.Length >= 1 && args[0] == "xcore")
{
    // The machine's state: how long a cache line takes between the two cores and back (see CrossCoreLatency).
    for (var i = 0; i < 5; i++)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cross-core round trip: {CrossCoreLatency.RoundTripNs():F0} ns"));
    }

    return 0;
}

if (args.Length >= 1 && args[0] == "processes")
{
    ProcessesRun.RunAll(
        args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4);
    return 0;
}

if (args.Length >= 1 && args[0] == "run")
{
    var calls = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var providers = args.Length > 3 && args[3] != "all" ? [.. args[3].Split(',').Select(ProviderList.Find)] : ProviderList.All;
    IReadOnlyList<Scenario> scenarios = args.Length > 4 ? [.. args[4].Split(',').Select(Enum.Parse<Scenario>)] : Enum.GetValues<Scenario>();
    List<Measurement> results;
    try
    {
        results = Orchestrator.RunAll(providers, scenarios, calls, repeats);
    }
    catch (LayoutMismatchException mismatch)
    {
        Console.Error.WriteLine(mismatch.Message);
        return 3;
    }

    var docs = Path.Combine(FindRoot(), "docs");
    var command = "dotnet run -c Release --project benchmarks/SideBySide -- " + string.Join(' ', args);
    var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    // The tables go to a scratch file beside the chart; docs/benchmarks.md quotes them with the reading notes.
    File.WriteAllText(Path.Combine(docs, "benchmarks.results.md"), Report.Markdown(results, command, machine));
    if (results.Any(r => r.Scenario != nameof(Scenario.Disabled)))
    {
        // The chart shows records per second, which a run of disabled calls does not have.
        File.WriteAllText(Path.Combine(docs, "benchmarks.svg"), Report.Svg(results));
    }
    Console.WriteLine($"wrote {Path.Combine(docs, "benchmarks.results.md")} and benchmarks.svg");
    return 0;
}

Console.Error.WriteLine("usage: run [calls] [repeats] [providers|all] [scenarios]  |  processes [calls] [repeats] [processes]  |  one <provider> <scenario> <folder> <result> <calls>");
return 2;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Provider.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Provider.sln not found");
}
