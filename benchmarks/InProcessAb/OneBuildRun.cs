using System.Globalization;

namespace LoguStyle.InProcessAb;

/// <summary>
/// One build alone, a fixed amount of work and no clock: <c>one &lt;folder&gt; &lt;scenario&gt; &lt;mode&gt; &lt;slices&gt;
/// [calls per slice]</c>. It makes the timed part of a case (slices of calls, each ended by the provider's flush) for
/// a counter outside the process to count: <c>perf stat -e instructions:u</c> where the machine has hardware counters
/// (a shared, loaded machine skews them far less than time), else <c>perf record</c>'s CPU samples and context switches
/// per thread (docs/benchmarks.md, "Counting instead of timing"). Two runs that differ only in the number of slices
/// give the cost per call as the difference of their counts over the difference of their calls: start-up, the JIT's
/// tiers and the dispose cancel.
/// </summary>
internal static class OneBuildRun
{
    public const string Usage = "LoguStyle.InProcessAb one <folder> <scenario> <direct|enqueued> <slices> [calls per slice, default 200000]";

    public static int Run(string[] args)
    {
        if (args.Length is < 5 or > 6)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var build = BuildUnderTest.Load("A", args[1]);
        var scenario = Enum.Parse<Scenario>(args[2], ignoreCase: true);
        var enqueue = Settings.Mode(args[3]);
        var slices = int.Parse(args[4], CultureInfo.InvariantCulture);
        var calls = SliceRunner.CallsMade(scenario, args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 200_000);
        var folder = Directory.CreateTempSubdirectory("logustyle-one-");
        try
        {
            using (var session = build.Start(Path.Combine(folder.FullName, "one.log"), enqueue, Layout.Format))
            {
                for (var k = 0; k < slices; k++)
                {
                    SliceRunner.Run(session, scenario, k * calls, calls);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{build.Version}: {scenario} {args[3]}, {slices} slices of {calls:N0} calls"));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
