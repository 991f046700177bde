using LoguStyle.InProcessAb;

// Two LoguStyle builds in one process, timed in alternating slices: docs/benchmarks.md, "Two builds in one process".
// Exit codes: 0 no regression, 1 a regression, 2 bad arguments, 3 the builds wrote different lines (not comparable).
// "one" runs a single build's work without a clock, for a counter outside the process such as perf (OneBuildRun).
if (args.Length > 0 && args[0] == "one")
{
    return OneBuildRun.Run(args);
}

var settings = Settings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(Settings.Usage);
    return 2;
}

var a = BuildUnderTest.Load("A", settings.FolderA);
var b = BuildUnderTest.Load("B", settings.FolderB);
Directory.CreateDirectory(settings.OutputFolder);
Report.Header(a, b, settings);
Console.WriteLine(Report.TableHeader);
var results = new List<CaseResult>();
foreach (var scenario in settings.Scenarios)
{
    foreach (var enqueue in settings.Enqueue)
    {
        var result = CaseRun.Run(a, b, scenario, enqueue, settings);
        if (!result.Output.Same)
        {
            Console.Error.WriteLine($"{scenario} {result.Mode}: the builds' files differ, so their times cannot be compared: {result.Output.Difference}");
            Console.Error.WriteLine($"(the files stay in {settings.OutputFolder})");
            return 3;
        }

        results.Add(result);
        Console.WriteLine(Report.Line(result));
    }
}

var slices = Path.Combine(settings.OutputFolder, "slices.tsv");
Report.WriteSlices(results, slices);
Report.Table(results);
Console.WriteLine($"every slice: {slices}");
return results.Any(r => Verdict.IsRegression(r.Verdict)) ? 1 : 0;
